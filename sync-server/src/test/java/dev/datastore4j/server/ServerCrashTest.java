package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on SQLite, in a child JVM, is killed with SIGKILL at a random moment while clients
 * create and update records, several times over one database. Every mutation it answered must be
 * there when it starts again, at least at the version it answered with; the clock must go on
 * from where it was (a new write gets a later {@code _lastChangedAt}, so delta syncs miss
 * nothing); and the database must pass SQLite's integrity check. The seed is printed. Also a
 * server in a child JVM whose files cannot grow: writes fail there, and nothing it answered may
 * be lost.
 */
class ServerCrashTest {
    private static final int ROUNDS = 3;
    private static final int CLIENTS = 4;
    private static final int LIMIT_KB = 6 * 1024;
    private static final int REFUSALS = 40;

    @TempDir
    Path temp;

    @Test
    void aKilledServerLosesNoMutationItAnswered() throws Exception {
        long seed = Long.getLong("datastore4j.crashSeed", System.nanoTime());
        System.out.println("ServerCrashTest seed " + seed);
        Random random = new Random(seed);
        Path db = temp.resolve("server.db");
        Map<String, Integer> answered = new ConcurrentHashMap<>(); // record id -> the highest version answered
        long latestChange = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process server = startServer(db);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                URI endpoint = endpoint(server);
                latestChange = Math.max(latestChange, checkEverythingAnsweredIsThere(new SyncSemanticsTest.Client(endpoint),
                        answered, latestChange, "round %d (seed %d)".formatted(round, seed)));
                AtomicBoolean killed = new AtomicBoolean();
                List<Future<Integer>> writes = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    String prefix = "r" + round + "c" + c + "-";
                    writes.add(clients.submit(() -> write(new SyncSemanticsTest.Client(endpoint), prefix, answered, killed)));
                }
                Thread.sleep(300 + random.nextInt(900)); // the seeded moment of the kill
                killed.set(true);
                server.destroyForcibly();
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                int count = 0;
                for (Future<Integer> write : writes) {
                    count += write.get(30, TimeUnit.SECONDS);
                }
                assertThat(count).as("mutations answered before the kill, round %d", round).isPositive();
            } finally {
                server.destroyForcibly(); // a check that failed leaves no server behind
                clients.shutdownNow();
            }
            assertThat(integrityCheck(db)).isEqualTo("ok");
        }
        Process server = startServer(db);
        try {
            checkEverythingAnsweredIsThere(new SyncSemanticsTest.Client(endpoint(server)), answered, latestChange,
                    "after the last kill (seed %d)".formatted(seed));
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        System.out.printf("ServerCrashTest: %d records over %d kills, every answered version present%n", answered.size(), ROUNDS);
    }

    /**
     * A server on SQLite in a process whose files may not grow past {@value #LIMIT_KB} KB ({@code
     * ulimit -f}, as a quota or a full disk would stop them), clients creating records until
     * {@value #REFUSALS} creates have been refused. A refused create is answered with a GraphQL
     * error, the server goes on answering (a sync then holds every record it answered, and {@code
     * /health} is 200: the database answers), and started again without the limit it holds every
     * record it answered, none it refused, and a database that passes SQLite's integrity check.
     */
    @Test
    void aServerWhoseFilesCannotGrowRefusesWritesWholeAndKeepsWhatItAnswered() throws Exception {
        Path db = temp.resolve("limited.db");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        List<String> errors = new CopyOnWriteArrayList<>();
        Process server = startServer(db, "ulimit -f " + LIMIT_KB + " && ");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            URI endpoint = endpoint(server);
            List<Future<?>> writes = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String prefix = "c" + c + "-";
                writes.add(clients.submit(() -> {
                    SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(endpoint);
                    for (int i = 0; refused.size() < REFUSALS && i < 10_000; i++) { // about 1,500 fit in all
                        String id = prefix + i;
                        JsonNode answer = client.answer("mutation m($input: CreatePostInput!) { createPost(input: $input) { id } }",
                                Map.of("input", Map.of("id", id, "title", "t", "content", "c".repeat(4_000), "status", "DRAFT")));
                        if (answer.has("errors")) {
                            refused.add(id);
                            errors.add(answer.get("errors").toString());
                        } else {
                            answered.add(answer.get("data").get("createPost").get("id").asText());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
            assertThat(new SyncSemanticsTest.Client(endpoint).syncedPosts("_version").keySet())
                    .as("records synced while no more fit").isEqualTo(answered);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health while no more fits: the database answers").isEqualTo(200);
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            clients.shutdownNow();
        }
        System.out.printf("ServerCrashTest: with files limited to %d KB, %d creates answered and %d refused, the first: %s%n",
                LIMIT_KB, answered.size(), refused.size(), errors.isEmpty() ? "-" : errors.get(0));
        assertThat(refused).as("creates refused (the limit reached)").hasSizeGreaterThanOrEqualTo(REFUSALS);
        assertThat(answered).hasSizeGreaterThan(100);
        assertThat(integrityCheck(db)).isEqualTo("ok");
        server = startServer(db, "");
        try {
            Map<String, JsonNode> stored = new SyncSemanticsTest.Client(endpoint(server)).syncedPosts("_version");
            assertThat(stored.keySet()).as("records stored").isEqualTo(answered);
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Creates records and updates each once, noting every version answered, until the server is gone; returns how many. */
    private static int write(SyncSemanticsTest.Client client, String prefix, Map<String, Integer> answered,
            AtomicBoolean killed) {
        int count = 0;
        for (int i = 0; ; i++) {
            String id = prefix + i;
            try {
                JsonNode created = client.graphql("mutation { createPost(input: {id: \"" + id + "\", title: \"t\","
                        + " status: DRAFT}) { id _version } }").get("data").get("createPost");
                answered.merge(id, created.get("_version").asInt(), Math::max);
                JsonNode updated = client.graphql("mutation { updatePost(input: {id: \"" + id + "\", title: \"u\","
                        + " _version: 1}) { id _version } }").get("data").get("updatePost");
                answered.merge(id, updated.get("_version").asInt(), Math::max);
                count += 2;
            } catch (Exception e) { // the request failed (an answer with errors fails the test instead)
                if (killed.get()) {
                    return count; // the server is gone: the mutation in flight may or may not have committed
                }
                throw new AssertionError("a request failed before the kill", e);
            }
        }
    }

    /**
     * Checks every answered version is stored, then makes a new write and checks its time is after
     * {@code latestChange}; returns the latest change time seen.
     */
    private static long checkEverythingAnsweredIsThere(SyncSemanticsTest.Client client, Map<String, Integer> answered,
            long latestChange, String when) throws Exception {
        Map<String, JsonNode> stored = client.syncedPosts("_version _lastChangedAt");
        long latest = latestChange;
        for (Map.Entry<String, Integer> record : answered.entrySet()) {
            JsonNode found = stored.get(record.getKey());
            assertThat(found).as("%s, answered at version %d, %s", record.getKey(), record.getValue(), when).isNotNull();
            assertThat(found.get("_version").asInt()).as("version of %s, %s", record.getKey(), when)
                    .isGreaterThanOrEqualTo(record.getValue());
            latest = Math.max(latest, found.get("_lastChangedAt").asLong());
        }
        JsonNode next = client.graphql("mutation { createPost(input: {title: \"after\", status: DRAFT}) { _lastChangedAt } }")
                .get("data").get("createPost");
        assertThat(next.get("_lastChangedAt").asLong()).as("a write's time after a restart, %s", when).isGreaterThan(latest);
        return next.get("_lastChangedAt").asLong();
    }

    private static Process startServer(Path db) throws IOException {
        return startServer(db, "");
    }

    /** Starts a {@link ServerCrashWorker} on {@code db}, through bash, which runs {@code shell} first. */
    private static Process startServer(Path db, String shell) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder("bash", "-c", shell + "exec \"$0\" \"$@\"", java, "-cp", System.getProperty("java.class.path"),
                ServerCrashWorker.class.getName(), db.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The endpoint the server in {@code process} prints once it listens. */
    private static URI endpoint(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the server's port").startsWith("port ");
        return URI.create("http://127.0.0.1:" + line.substring("port ".length()) + "/graphql");
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rows = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
