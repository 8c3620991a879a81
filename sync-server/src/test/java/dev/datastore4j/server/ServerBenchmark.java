package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Sync server throughput and latency over real HTTP and WebSocket on loopback: concurrent
 * mutations, a full sync of 100,000 records, and mutations fanned out to 1,000 subscriptions (one at
 * a time for the latency, then 200 back to back for the rate).
 * Run with {@code benchmarks/server.sh [section...]}, sections being {@code sqlite}, {@code postgres},
 * {@code sync}, {@code sorted}, {@code wide} and {@code fanout} (all by default); prints a Markdown
 * table.
 */
public final class ServerBenchmark {
    private static final int CLIENTS = 50;
    private static final int MUTATIONS_PER_CLIENT = 200;
    private static final int SYNC_RECORDS = 100_000;
    private static final int SORTED_RECORDS = 20_000;
    private static final int WIDE_MODELS = 250;
    private static final int CONNECTIONS = 100;
    private static final int SUBSCRIPTIONS_PER_CONNECTION = 10;
    private static final int FANOUT_MUTATIONS = 200;

    private ServerBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> sections = args.length == 0 ? List.of("sqlite", "postgres", "sync", "sorted", "wide", "fanout") : List.of(args);
        Path folder = Files.createTempDirectory("datastore4j-server-bench");
        try {
            run(sections, folder);
        } finally { // the databases, with their WAL files
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    private static void run(List<String> sections, Path folder) throws Exception {
        System.out.println("| measurement | result | target |");
        System.out.println("|---|---|---|");
        if (sections.contains("sqlite")) {
            try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(folder.resolve("mutations.db")).start()) {
                reportMutations(server, "SQLite", ">= 3,000");
            }
        }
        if (sections.contains("postgres")) {
            try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(PostgresFixture.newDatabase()).start()) {
                reportMutations(server, "PostgreSQL 14 on loopback", "");
            }
        }
        if (sections.contains("sync")) {
            Path syncDb = folder.resolve("sync.db");
            seed(syncDb);
            try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(syncDb).start()) {
                List<Double> rates = new ArrayList<>();
                List<Double> gzipRates = new ArrayList<>();
                long[] bytes = new long[2];
                for (int round = 0; round < 3; round++) { // alternating, so both see the same moments of the machine
                    rates.add(fullSync(server, false, bytes));
                    gzipRates.add(fullSync(server, true, bytes));
                }
                System.out.printf("| full sync of %,d records, pages of 1,000 (records/s, median of 3) | %.0f | |%n",
                        SYNC_RECORDS, median(rates));
                System.out.printf("| the same, accepting gzip as Amplify's clients do (records/s, median of 3; bytes sent,"
                        + " against plain) | %.0f; %,d against %,d bytes (%.1fx less) | |%n",
                        median(gzipRates), bytes[1] / 3, bytes[0] / 3, (double) bytes[0] / bytes[1]);
            }
        }
        if (sections.contains("wide")) {
            wideSchema(folder);
        }
        if (sections.contains("sorted")) {
            Schema schema = Codegen.compile(List.of(Path.of(ServerBenchmark.class.getResource("/key-queries.graphql").toURI())))
                    .schema().orElseThrow();
            Path db = folder.resolve("sorted.db");
            try (SqliteRecordStore store = new SqliteRecordStore(db)) {
                seedReadings(store);
            }
            try (SyncServer server = SyncServer.builder(schema).port(0).database(db).start()) {
                sortedReads(server, "SQLite");
            }
            String postgres = PostgresFixture.newDatabase();
            try (PostgresRecordStore store = new PostgresRecordStore(postgres, RecordStore.ChangeSink.NONE)) {
                seedReadings(store);
            }
            try (SyncServer server = SyncServer.builder(schema).port(0).postgres(postgres).start()) {
                sortedReads(server, "PostgreSQL");
            }
        }
        if (sections.contains("fanout")) {
            try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(folder.resolve("fanout.db")).start()) {
                fanOut(server);
            }
        }
        System.out.println();
        System.out.println("Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; client and server in one JVM on loopback");
    }

    private static void reportMutations(SyncServer server, String database, String target) throws Exception {
        for (boolean jdkClient : new boolean[] {false, true}) {
            mutations(server, jdkClient); // warm-up
            List<Double> rates = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                rates.add(mutations(server, jdkClient));
            }
            System.out.printf("| mutations/s, %d concurrent clients (%s), %s (median of 5 x %d; range) | %.0f (%.0f-%.0f) | %s |%n",
                    CLIENTS, jdkClient ? "JDK HttpClient" : "keep-alive sockets", database, CLIENTS * MUTATIONS_PER_CLIENT,
                    median(rates), Collections.min(rates), Collections.max(rates), target);
        }
    }

    /**
     * {@code CLIENTS} threads, each sending {@code MUTATIONS_PER_CLIENT} creates one after the
     * other, through its own keep-alive connection or through one shared JDK HttpClient.
     */
    private static double mutations(SyncServer server, boolean jdkClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        ExecutorService httpThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
        try {
            long start = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    try (KeepAliveClient socket = jdkClient ? null : new KeepAliveClient(server.port(), "/graphql")) {
                        for (int i = 0; i < MUTATIONS_PER_CLIENT; i++) {
                            // as a DataStore client sends it: one document, the record in variables
                            ObjectNode body = ProtocolJson.JSON.createObjectNode().put("query", CREATE);
                            body.putObject("variables").putObject("input").put("title", "bench " + i).put("status", "DRAFT")
                                    .putArray("tags").add("a");
                            String response = jdkClient ? send(http, server, body.toString()) : socket.post(body.toString());
                            if (!response.startsWith("{\"data\":{\"createPost\":{\"id\"")) {
                                throw new IllegalStateException(response);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
            return CLIENTS * MUTATIONS_PER_CLIENT / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            httpThreads.shutdownNow();
        }
    }

    /** Writes records straight into the store, as a long-running server would have them. */
    private static void seed(Path db) {
        try (SqliteRecordStore store = new SqliteRecordStore(db)) {
            store.addModels(List.of("Post"));
            store.write(writer -> {
                for (int i = 0; i < SYNC_RECORDS; i++) {
                    ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", "p" + i).put("title", "post " + i)
                            .put("status", "DRAFT").put("createdAt", "2024-01-01T00:00:00Z").put("updatedAt", "2024-01-01T00:00:00Z");
                    writer.put(new StoredRecord("Post", "[\"p" + i + "\"]", data, 1, false, 0), Changes.Kind.CREATE);
                }
                return null;
            });
        }
    }

    /**
     * What a large schema costs every write: {@code createPost} mutations with the blog schema
     * alone and with {@code WIDE_MODELS} more models beside it (each with two indexes and a
     * has-many, so about three more indexes of the records table per model), in turns.
     */
    private static void wideSchema(Path folder) throws Exception {
        StringBuilder schema = new StringBuilder(Files.readString(Path.of("..", "test-schemas", "schemas", "valid", "blog.graphql")));
        for (int i = 0; i < WIDE_MODELS; i++) {
            schema.append("""

                    type Entity%1$d @model {
                      id: ID!
                      name: String! @index(name: "byName%1$d", sortKeyFields: ["score"])
                      score: Int
                      kind: String @index(name: "byKind%1$d")
                      parts: [Part%1$d] @hasMany
                    }
                    type Part%1$d @model {
                      id: ID!
                      label: String
                    }
                    """.formatted(i));
        }
        Path file = folder.resolve("wide.graphql");
        Files.writeString(file, schema);
        Schema wide = Codegen.compile(List.of(file)).schema().orElseThrow();
        List<Double> narrowRates = new ArrayList<>();
        List<Double> wideRates = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (boolean isWide : new boolean[] {false, true}) {
                Path db = folder.resolve("wide-" + round + "-" + isWide + ".db");
                try (SyncServer server = SyncServer.builder(isWide ? wide : ProtocolTest.BLOG).port(0).database(db).start()) {
                    mutations(server, false); // warm-up, and records to write beside
                    (isWide ? wideRates : narrowRates).add(mutations(server, false));
                }
            }
        }
        System.out.printf("| `createPost` mutations/s, SQLite: blog schema alone / with %d more models (median of 5 rounds in turns)"
                + " | %.0f / %.0f | |%n", 2 * WIDE_MODELS, median(narrowRates), median(wideRates));
    }

    /** {@code SORTED_RECORDS} readings of one sensor, on 200 days, 100 a day, and all of one kind. */
    private static void seedReadings(RecordStore store) {
        store.addModels(List.of("Reading"));
        store.write(writer -> {
            for (int i = 0; i < SORTED_RECORDS; i++) {
                String day = LocalDate.of(2026, 1, 1).plusDays(i / 100).toString();
                ObjectNode data = ProtocolJson.JSON.createObjectNode().put("sensor", "s1").put("day", day).put("seq", i % 100)
                        .put("kind", "temp").put("value", i % 977).put("createdAt", "2024-01-01T00:00:00Z")
                        .put("updatedAt", "2024-01-01T00:00:00Z");
                writer.put(new StoredRecord("Reading", "[\"s1\",\"" + day + "\"," + (i % 100) + "]", data, 1, false, 0),
                        Changes.Kind.CREATE);
            }
            return null;
        });
    }

    /**
     * Paging through one partition of {@code SORTED_RECORDS} readings in the order of its sort key,
     * 100 at a time: in key order (day, then seq), by value descending through an index, and the
     * last 20 days of the key order (a sort key condition).
     */
    private static void sortedReads(SyncServer server, String database) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Integer> queries = new LinkedHashMap<>();
        queries.put("listReadings(sensor: \"s1\"", SORTED_RECORDS);
        queries.put("readingsByKind(kind: \"temp\", sortDirection: DESC", SORTED_RECORDS);
        queries.put("listReadings(sensor: \"s1\", daySeq: {ge: {day: \"2026-06-30\"}}", 2_000);
        for (Map.Entry<String, Integer> query : queries.entrySet()) {
            pageThrough(http, server, query.getKey(), query.getValue()); // warm-up
            List<long[]> rounds = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                rounds.add(pageThrough(http, server, query.getKey(), query.getValue()));
            }
            rounds.sort(Comparator.comparingLong(times -> times[2]));
            long[] median = rounds.get(1);
            System.out.printf("| %s, `%s)`: %,d records in pages of 100: first page / last page / all pages (ms, median of 3)"
                    + " | %.1f / %.1f / %,.0f | |%n", database, query.getKey(), query.getValue(), median[0] / 1e6, median[1] / 1e6,
                    median[2] / 1e6);
        }
    }

    /** Nanoseconds for the first page, the last page and all pages of {@code query}, which must give {@code expected} records. */
    private static long[] pageThrough(HttpClient http, SyncServer server, String query, int expected) throws Exception {
        String field = query.substring(0, query.indexOf('('));
        long start = System.nanoTime();
        long first = 0;
        long last = 0;
        int records = 0;
        String token = null;
        do {
            long pageStart = System.nanoTime();
            JsonNode page = post(http, server, "{ " + query + ", limit: 100" + (token == null ? "" : ", nextToken: \"" + token + "\"")
                    + ") { items { sensor day seq value } nextToken } }").get("data").get(field);
            last = System.nanoTime() - pageStart;
            first = first == 0 ? last : first;
            records += page.get("items").size();
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (token != null);
        if (records != expected) {
            throw new IllegalStateException("read " + records + " records");
        }
        return new long[] {first, last, System.nanoTime() - start};
    }

    /**
     * Records/s of a full sync, the client reading every page (and, accepting gzip, unzipping it);
     * adds the bytes the server sent to {@code bytes[0]} (plain) or {@code bytes[1]} (gzip).
     */
    private static double fullSync(SyncServer server, boolean gzip, long[] bytes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        int records = 0;
        String token = null;
        do {
            String query = "{ syncPosts(limit: 1000, lastSync: 0" + (token == null ? "" : ", nextToken: \"" + token + "\"")
                    + ") { items { id title status createdAt updatedAt _version _deleted _lastChangedAt } nextToken startedAt } }";
            HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ProtocolJson.JSON.createObjectNode().put("query", query).toString()));
            if (gzip) {
                request.header("accept-encoding", "gzip");
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            bytes[gzip ? 1 : 0] += response.body().length;
            boolean zipped = response.headers().firstValue("content-encoding").isPresent();
            byte[] body = zipped ? new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes() : response.body();
            if (zipped != (gzip && body.length >= 1024)) { // the server leaves responses under 1 KiB as they are
                throw new IllegalStateException("gzip asked " + gzip + ", " + body.length + " bytes, got " + response.headers().map());
            }
            JsonNode page = ProtocolJson.JSON.readTree(body).get("data").get("syncPosts");
            records += page.get("items").size();
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (token != null);
        if (records != SYNC_RECORDS) {
            throw new IllegalStateException("synced " + records + " records");
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static void fanOut(SyncServer server) throws Exception {
        int total = CONNECTIONS * SUBSCRIPTIONS_PER_CONNECTION;
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        AtomicReference<CountDownLatch> currentRound = new AtomicReference<>(new CountDownLatch(0));
        CountDownLatch acks = new CountDownLatch(total);
        List<WebSocket> sockets = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int c = 0; c < CONNECTIONS; c++) {
            WebSocket socket = http.newWebSocketBuilder().subprotocols("graphql-ws")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/graphql/realtime"), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                String text = partial.toString();
                                partial.setLength(0);
                                if (text.contains("\"type\":\"data\"")) {
                                    arrivals.add(System.nanoTime());
                                    currentRound.get().countDown();
                                } else if (text.contains("\"type\":\"start_ack\"")) {
                                    acks.countDown();
                                }
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"connection_init\"}", true).join();
            for (int s = 0; s < SUBSCRIPTIONS_PER_CONNECTION; s++) {
                String data = ProtocolJson.JSON.createObjectNode()
                        .put("query", "subscription { onCreatePost { id title _version _lastChangedAt _deleted } }").toString();
                ObjectNode start = ProtocolJson.JSON.createObjectNode().put("type", "start").put("id", "s" + s);
                start.putObject("payload").put("data", data);
                socket.sendText(start.toString(), true).join();
            }
            sockets.add(socket);
        }
        if (!acks.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every subscription was acknowledged");
        }
        List<Double> latencies = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            arrivals.clear();
            CountDownLatch delivered = new CountDownLatch(total);
            currentRound.set(delivered);
            long sent = System.nanoTime();
            post(http, server, "mutation { createPost(input: {title: \"fan-out\", status: DRAFT}) { id } }");
            if (!delivered.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + arrivals.size() + " of " + total + " deliveries");
            }
            if (round >= 2) { // the first rounds warm up
                arrivals.forEach(at -> latencies.add((at - sent) / 1e6));
            }
        }
        Collections.sort(latencies);
        System.out.printf("| one mutation to %,d subscriptions (%d connections x %d), delivery latency p50 / p99 (ms, 8 rounds) |"
                + " %.1f / %.1f | p99 < 100 |%n", total, CONNECTIONS, SUBSCRIPTIONS_PER_CONNECTION,
                latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)));

        // Sustained: mutations back to back from a few clients, each heard by every subscription.
        int writers = 4;
        int perWriter = FANOUT_MUTATIONS / writers;
        CountDownLatch everyDelivery = new CountDownLatch(writers * perWriter * total);
        currentRound.set(everyDelivery);
        long serverCpuBefore = serverCpuNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        post(http, server, "mutation { createPost(input: {title: \"fan-out\", status: DRAFT}) { id } }");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread writer : threads) {
            writer.join();
        }
        double written = (System.nanoTime() - start) / 1e9;
        if (!everyDelivery.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(everyDelivery.getCount() + " deliveries missing");
        }
        double delivered = (System.nanoTime() - start) / 1e9;
        double serverCpuMicros = (serverCpuNanos() - serverCpuBefore) / 1e3 / (writers * perWriter * total);
        System.out.printf("| %,d mutations back to back (%d clients), each to %,d subscriptions: records delivered/s"
                + " (mutations/s answered; s until the last delivery; the server's CPU a delivery) | %,.0f (%,.0f; %.1f s; %.1f us) | |%n",
                writers * perWriter, writers, total, writers * perWriter * total / delivered, writers * perWriter / written, delivered,
                serverCpuMicros);
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    /** CPU time of the server's threads (Jetty's, and its own: matching, delivery, the database writer) so far. */
    private static long serverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("qtp") || info.getThreadName().startsWith("datastore4j-"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static final String CREATE = "mutation operation($input: CreatePostInput!, $condition: ModelPostConditionInput) {"
            + " createPost(input: $input, condition: $condition) { id title status tags createdAt updatedAt _version"
            + " _lastChangedAt _deleted __typename } }";

    private static JsonNode post(HttpClient http, SyncServer server, String query) throws Exception {
        return ProtocolJson.JSON.readTree(send(http, server, ProtocolJson.JSON.createObjectNode().put("query", query).toString()));
    }

    private static String send(HttpClient http, SyncServer server, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
