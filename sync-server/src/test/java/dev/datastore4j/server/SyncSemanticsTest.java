package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.Schema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Automerge, and the guarantee that a paged sync plus the next delta sync miss nothing while writers run. */
class SyncSemanticsTest {
    @TempDir
    Path temp;

    @Test
    void automergeKeepsServerScalarsFillsNullsAndConcatenatesLists() {
        ObjectNode server = ProtocolTest.JSON.createObjectNode();
        server.put("title", "server");
        server.putNull("content");
        server.putArray("tags").add("a");
        server.putObject("meta").put("x", 1).putNull("y");
        ObjectNode incoming = ProtocolTest.JSON.createObjectNode();
        incoming.put("title", "client");
        incoming.put("content", "filled");
        incoming.putArray("tags").add("b");
        incoming.putObject("meta").put("x", 2).put("y", 3);
        incoming.put("rating", 5);
        assertThat(DataService.automerge(server, incoming).toString()).isEqualTo(
                "{\"title\":\"server\",\"content\":\"filled\",\"tags\":[\"a\",\"b\"],\"meta\":{\"x\":1,\"y\":3},\"rating\":5}");
    }

    @Test
    void aStaleUpdateIsMergedUnderAutomerge() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("merge.db"))
                .conflictStrategy(ConflictStrategy.AUTOMERGE).start()) {
            Client client = new Client(server);
            client.graphql("mutation { createPost(input: {id: \"p\", title: \"t\", status: DRAFT, tags: [\"a\"]}) { id } }");
            client.graphql("mutation { updatePost(input: {id: \"p\", title: \"server\", _version: 1}) { id } }");
            JsonNode merged = client.graphql("mutation { updatePost(input: {id: \"p\", title: \"stale\", content: \"new\","
                    + " tags: [\"b\"], _version: 1}) { title content tags _version } }").get("data").get("updatePost");
            assertThat(merged.toString()).isEqualTo(
                    "{\"title\":\"server\",\"content\":\"new\",\"tags\":[\"a\",\"b\"],\"_version\":3}");
        }
    }

    /**
     * The resolver decides a stale update; a stale delete is not its to decide (its answer is a
     * record to write), and is refused as under optimistic concurrency.
     */
    @Test
    void aCustomResolverDecidesStaleMutations() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        ConflictResolver longestTitleWins = (model, server, incoming) -> {
            asked.incrementAndGet();
            if (incoming.get("title") == null) {
                return null; // reject
            }
            Map<String, Object> merged = new HashMap<>(server);
            String mine = String.valueOf(server.get("title"));
            String theirs = String.valueOf(incoming.get("title"));
            merged.put("title", theirs.length() > mine.length() ? theirs : mine);
            merged.put("id", "moved?");
            return merged;
        };
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("custom.db"))
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(longestTitleWins).start()) {
            Client client = changedMeanwhile(server);
            JsonNode resolved = client.graphql("mutation { updatePost(input: {id: \"p\", title: \"a longer title\","
                    + " _version: 1}) { id title _version } }").get("data").get("updatePost");
            assertThat(resolved.toString()).isEqualTo("{\"id\":\"p\",\"title\":\"a longer title\",\"_version\":3}");
            assertThat(catchThrowable(() -> client.graphql("mutation { updatePost(input: {id: \"p\", content: \"c\","
                    + " _version: 1}) { id } }"))).hasMessageContaining("ConflictUnhandled");
            assertThat(asked).hasValue(2);
            assertThat(catchThrowable(() -> client.graphql("mutation { deletePost(input: {id: \"p\", _version: 1}) { id } }")))
                    .hasMessageContaining("ConflictUnhandled").hasMessageContaining("\"_version\":3");
            assertThat(asked).as("not asked about a delete").hasValue(2);
            assertThat(client.graphql("{ getPost(id: \"p\") { _version _deleted } }").toString())
                    .isEqualTo("{\"data\":{\"getPost\":{\"_version\":3,\"_deleted\":null}}}");
        }
    }

    /**
     * What the resolver answers is written over the stored record: a field it leaves out keeps its
     * stored value, a null clears one, and answering the mutation's own fields lets them win.
     */
    @Test
    void aResolversFieldsAreWrittenOverTheStoredRecord() throws Exception {
        ConflictResolver fieldsOnly = (model, server, incoming) -> {
            Map<String, Object> answer = new HashMap<>();
            answer.put("content", "merged with " + incoming.get("title"));
            answer.put("tags", null);
            return answer;
        };
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("fields.db"))
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(fieldsOnly).start()) {
            Client client = changedMeanwhile(server);
            String fields = "id title content rating status tags createdAt _version";
            JsonNode before = client.graphql("{ getPost(id: \"p\") { " + fields + " } }").get("data").get("getPost");
            JsonNode resolved = client.graphql("mutation { updatePost(input: {id: \"p\", title: \"stale\", _version: 1}) { "
                    + fields + " } }").get("data").get("updatePost");
            ObjectNode expected = before.deepCopy();
            expected.put("content", "merged with stale").putNull("tags").put("_version", 3);
            assertThat(resolved).isEqualTo(expected);
        }
    }

    /**
     * What a stored record keeps from an earlier schema or version, a field the schema has since
     * dropped, an object holding one, or an empty string in an index key (refused since), is no
     * fault of the resolver's: what its answer changes is checked, not what the record kept, as in
     * an update that leaves those fields as they are.
     */
    @Test
    void whatTheRecordKeptFromAnEarlierSchemaIsNoFaultOfTheResolvers() throws Exception {
        Path file = temp.resolve("dropped.db");
        try (SyncServer server = SyncServer.builder(schema("type Note @model { id: ID!, text: String!, draft: String,"
                + " tag: String @index(name: \"byTag\"), place: Place } type Place { name: String!, floor: Int }"))
                .port(0).database(file).start()) {
            Client client = new Client(server);
            client.graphql("mutation { createNote(input: {id: \"n\", text: \"first\", draft: \"kept\", tag: \"t\","
                    + " place: {name: \"hall\", floor: 2}}) { id } }");
            client.graphql("mutation { updateNote(input: {id: \"n\", text: \"server\", _version: 1}) { id } }");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) { // as a server before session 34 took it
            statement.executeUpdate("UPDATE model_Note SET data = json_set(data, '$.tag', '')");
        }
        // one answers the mutation's fields, one a copy of the stored record with the mutation's text
        ConflictResolver incomingWins = (model, server, incoming) -> incoming;
        ConflictResolver copyOfStored = (model, server, incoming) -> {
            Map<String, Object> answer = new HashMap<>(server);
            answer.put("text", incoming.get("text"));
            return answer;
        };
        for (ConflictResolver resolver : List.of(incomingWins, copyOfStored)) {
            try (SyncServer server = SyncServer.builder(schema("type Note @model { id: ID!, text: String!,"
                    + " tag: String @index(name: \"byTag\"), place: Place } type Place { name: String! }")).port(0)
                    .database(file).conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(resolver).start()) {
                Client client = new Client(server);
                int version = client.graphql("{ getNote(id: \"n\") { _version } }").at("/data/getNote/_version").asInt();
                JsonNode resolved = client.graphql("mutation { updateNote(input: {id: \"n\", text: \"stale\", _version: 1})"
                        + " { text tag place { name } _version } }").get("data").get("updateNote");
                assertThat(resolved.toString()).isEqualTo("{\"text\":\"stale\",\"tag\":\"\",\"place\":{\"name\":\"hall\"},"
                        + "\"_version\":" + (version + 1) + "}");
            }
        }
    }

    private Schema schema(String sdl) throws Exception {
        return ServerStartTest.schema(temp, sdl);
    }

    /**
     * The resolver runs outside the server's write: while it waits (on another service, say),
     * syncs and writes go on, and a record changed meanwhile goes to it again, so its answer is
     * only ever written over the record it was given.
     */
    @Test
    void aResolverThatWaitsHoldsUpNoOneAndIsAskedAgainWhenTheRecordChanged() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> given = new CopyOnWriteArrayList<>();
        ConflictResolver slow = (model, server, incoming) -> {
            given.add(String.valueOf(server.get("title")));
            entered.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).as("released").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            Map<String, Object> merged = new HashMap<>(server);
            merged.put("content", incoming.get("content"));
            return merged;
        };
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("slow.db"))
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(slow).start()) {
            Client client = changedMeanwhile(server);
            Future<JsonNode> stale = clients.submit(() -> client.graphql("mutation { updatePost(input: {id: \"p\","
                    + " content: \"mine\", _version: 1}) { title content _version } }").get("data").get("updatePost"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the resolver was called").isTrue();

            Future<JsonNode> meanwhile = clients.submit(() -> {
                client.graphql("{ syncPosts(lastSync: 0) { items { id } } }");
                return client.graphql("mutation { updatePost(input: {id: \"p\", title: \"meanwhile\", _version: 2})"
                        + " { _version } }").get("data").get("updatePost");
            });
            assertThat(meanwhile.get(10, TimeUnit.SECONDS).toString()).as("a sync and a write while the resolver waits")
                    .isEqualTo("{\"_version\":3}");
            release.countDown();
            assertThat(stale.get(10, TimeUnit.SECONDS).toString())
                    .isEqualTo("{\"title\":\"meanwhile\",\"content\":\"mine\",\"_version\":4}");
            assertThat(given).containsExactly("server", "meanwhile");
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    /**
     * Stale updates racing on one record, each merged by the resolver (tags joined): every update
     * the server took is in the record, since an answer is written only over the record it was
     * given; one it refused after {@link DataService#MAX_RESOLVES} tries is a ConflictUnhandled.
     */
    @Test
    void racingResolvedUpdatesLoseNothing() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("race.db"))
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(JOIN_TAGS).start()) {
            raceStaleUpdates("racingResolvedUpdatesLoseNothing", server, server);
        }
    }

    /** A resolver that merges a stale update's tags into the stored ones. */
    static final ConflictResolver JOIN_TAGS = (model, server, incoming) -> {
        Map<String, Object> merged = new HashMap<>(server);
        List<Object> tags = new ArrayList<>((List<?>) server.get("tags"));
        tags.addAll((List<?>) incoming.get("tags"));
        merged.put("tags", tags);
        return merged;
    };

    /**
     * Sends 40 stale updates of post {@code p}, each adding a tag, at once through {@code one} and
     * {@code other} in turn (servers whose resolver is {@link #JOIN_TAGS}), and checks that the
     * stored post holds the tag of every update taken, at the version those updates make.
     */
    static void raceStaleUpdates(String test, SyncServer one, SyncServer other) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            changedMeanwhile(one);
            List<Future<Boolean>> updates = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String tag = "w" + i;
                Client client = new Client(i % 2 == 0 ? one : other);
                updates.add(writers.submit(() -> {
                    try {
                        client.graphql("mutation { updatePost(input: {id: \"p\", tags: [\"" + tag + "\"], _version: 1}) { id } }");
                        return true;
                    } catch (AssertionError e) {
                        assertThat(e).hasMessageContaining("ConflictUnhandled");
                        return false;
                    }
                }));
            }
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < updates.size(); i++) {
                if (updates.get(i).get(60, TimeUnit.SECONDS)) {
                    taken.add("w" + i);
                }
            }
            JsonNode stored = new Client(other).graphql("{ getPost(id: \"p\") { tags _version } }").get("data").get("getPost");
            List<String> tags = new ArrayList<>();
            stored.get("tags").forEach(tag -> tags.add(tag.asText()));
            assertThat(tags).containsExactlyInAnyOrderElementsOf(taken);
            assertThat(stored.get("_version").asInt()).isEqualTo(2 + taken.size());
            System.out.println(test + ": " + taken.size() + " of 40 taken");
        } finally {
            writers.shutdownNow();
        }
    }

    /** A record that changes every time the resolver runs is at last a conflict the client handles. */
    @Test
    @Timeout(60) // a resolver run inside the write would wait for its own write for ever
    void aRecordThatKeepsChangingUnderTheResolverIsAConflict() throws Exception {
        AtomicReference<Client> writer = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        ConflictResolver racing = (model, server, incoming) -> {
            int version = calls.incrementAndGet() + 1; // the record is at version 2 when first given
            try { // another client's write while the resolver runs
                writer.get().graphql("mutation { updatePost(input: {id: \"p\", title: \"t" + version + "\", _version: "
                        + version + "}) { id } }");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return new HashMap<>(server);
        };
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("racing.db"))
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(racing).start()) {
            Client client = changedMeanwhile(server);
            writer.set(client);
            assertThat(catchThrowable(() -> client.graphql("mutation { updatePost(input: {id: \"p\", content: \"c\","
                    + " _version: 1}) { id } }"))).hasMessageContaining("ConflictUnhandled")
                    .hasMessageContaining("\"title\":\"t" + (DataService.MAX_RESOLVES + 1) + "\"");
            assertThat(calls).hasValue(DataService.MAX_RESOLVES);
        }
    }

    /**
     * A resolver that throws (or a database that fails) answers InternalFailure in AppSync's shape,
     * counted as such, and the log has the cause: an exception, an error such as a failed
     * {@code assert}, or a recursion too deep for the stack (the request's own, not the JVM's).
     */
    @ParameterizedTest(name = "the resolver throws {0}")
    @ValueSource(strings = {"an exception", "an error", "a stack overflow"})
    void aFailingResolverIsAnInternalFailureLoggedWithItsCause(String thrown) throws Exception {
        ConflictResolver broken = (model, server, incoming) -> {
            switch (thrown) {
                case "an error" -> throw new AssertionError("the resolver's own bug");
                case "a stack overflow" -> throw new StackOverflowError("the resolver's own bug");
                default -> throw new IllegalStateException("the resolver's own bug");
            }
        };
        try (LoggedRecords logged = LoggedRecords.of(GraphQlApi.class);
                SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("broken.db"))
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(broken).metrics(true).start()) {
            Client client = changedMeanwhile(server);
            assertThat(catchThrowable(() -> client.graphql("mutation { updatePost(input: {id: \"p\", title: \"stale\","
                    + " _version: 1}) { id } }"))).hasMessageContaining("\"errorType\":\"InternalFailure\"")
                    .hasMessageContaining("the server's log has the cause");
            assertThat(logged.records()).anySatisfy(record -> {
                assertThat(record.getMessage()).isEqualTo("/updatePost failed");
                assertThat(record.getThrown()).hasStackTraceContaining("the resolver's own bug");
            });
            assertThat(client.graphql("{ getPost(id: \"p\") { title _version } }").get("data").get("getPost").toString())
                    .isEqualTo("{\"title\":\"server\",\"_version\":2}");
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("datastore4j_operations_total{model=\"Post\",operation=\"update\","
                    + "outcome=\"InternalFailure\"} 1\n");
        }
    }

    /**
     * A resolver's answer that no mutation could have written is its fault, not the client's: the
     * mutation fails with InternalFailure, the log says what is wrong with the answer, and the
     * stored record stays as it was, rather than a record every client would fail to read.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a field the model lacks | colour | red | Post.colour is not a field of Post",
        "a value of another type | rating | five | Post.rating: \"five\" is not a valid Int",
        "an enum value the schema lacks | status | GONE | Post.status: \"GONE\" is not a value of PostStatus",
        "a date of the wrong form | publishedOn | 2026-13-01 | Post.publishedOn: \"2026-13-01\" is not a valid AWSDate",
        "a required field left null | title | | Post.title is required and cannot be null",
        "half a surrogate pair | content | (half an emoji) | Post.content: text that is not Unicode",
        "an empty string in an index key | title | '' | Post.title is a key field of index byTitle and cannot be an empty string",
        "a record past 400 KB | content | (400 KB) | record takes 409"})
    void aResolverAnswerNoMutationCouldWriteIsAnInternalFailure(String fault, String field, String value, String logged)
            throws Exception {
        ConflictResolver faulty = (model, server, incoming) -> {
            Map<String, Object> answer = new HashMap<>(server);
            switch (String.valueOf(value)) {
                case "(400 KB)" -> answer.put(field, "x".repeat(ItemSize.MAX_BYTES));
                case "(half an emoji)" -> answer.put(field, "\ud83d");
                default -> answer.put(field, value);
            }
            return answer;
        };
        try (LoggedRecords log = LoggedRecords.of(GraphQlApi.class);
                SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("faulty.db"))
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(faulty).start()) {
            Client client = changedMeanwhile(server);
            assertThat(catchThrowable(() -> client.graphql("mutation { updatePost(input: {id: \"p\", title: \"stale\","
                    + " _version: 1}) { id } }"))).hasMessageContaining("\"errorType\":\"InternalFailure\"")
                    .hasMessageContaining("the conflict resolver's answer for Post [\\\"p\\\"] cannot be written");
            assertThat(log.records()).anySatisfy(record -> assertThat(record.getThrown())
                    .hasMessageStartingWith("the conflict resolver's answer for Post [\"p\"] cannot be written: ")
                    .hasMessageContaining(logged));
            assertThat(client.graphql("{ getPost(id: \"p\") { title content rating status _version } }").get("data")
                    .get("getPost").toString())
                    .isEqualTo("{\"title\":\"server\",\"content\":null,\"rating\":0,\"status\":\"DRAFT\",\"_version\":2}");
        }
    }

    @Test
    void tombstonesArePurgedAfterTheirRetention() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("purge.db"))
                .deltaRetention(Duration.ofMillis(200)).tombstoneRetention(Duration.ofMillis(400)).start()) {
            Client client = new Client(server);
            client.graphql("mutation { createPost(input: {id: \"gone\", title: \"t\", status: DRAFT}) { id } }");
            client.graphql("mutation { createPost(input: {id: \"kept\", title: \"t\", status: DRAFT}) { id } }");
            client.graphql("mutation { deletePost(input: {id: \"gone\", _version: 1}) { id } }");
            String sync = "{ syncPosts(lastSync: 0) { items { id _deleted } } }";
            assertThat(client.graphql(sync).get("data").get("syncPosts").get("items")).hasSize(2);
            JsonNode items = client.graphql(sync).get("data").get("syncPosts").get("items");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (items.size() > 1 && System.nanoTime() < deadline) { // the purge runs every 200 ms here
                TimeUnit.MILLISECONDS.sleep(50);
                items = client.graphql(sync).get("data").get("syncPosts").get("items");
            }
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("id").asText()).isEqualTo("kept");
        }
    }

    /**
     * A purge that fails (here the model's table is out of the way for a while) is tried again:
     * once it can, the tombstone goes. A task of the server's timers that threw would not run again.
     */
    @Test
    void aPurgeThatFailedIsTriedAgain() throws Exception {
        Path file = temp.resolve("purge-again.db");
        try (LoggedRecords logged = LoggedRecords.of(SyncServer.class);
                SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(file)
                .deltaRetention(Duration.ofMillis(200)).tombstoneRetention(Duration.ofSeconds(2)).start();
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Client client = new Client(server);
            client.graphql("mutation { createPost(input: {id: \"gone\", title: \"t\", status: DRAFT}) { id } }");
            client.graphql("mutation { deletePost(input: {id: \"gone\", _version: 1}) { id } }");
            try (Statement statement = other.createStatement()) {
                statement.execute("ALTER TABLE model_Post RENAME TO hidden_Post");
                TimeUnit.MILLISECONDS.sleep(3_500); // purges run every second, and fail
                statement.execute("ALTER TABLE hidden_Post RENAME TO model_Post");
            }
            String sync = "{ syncPosts(lastSync: 0) { items { id } } }";
            JsonNode items = client.graphql(sync).get("data").get("syncPosts").get("items");
            assertThat(items).as("still there: the purges failed").hasSize(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!items.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
                items = client.graphql(sync).get("data").get("syncPosts").get("items");
            }
            assertThat(items).as("purged once the table is back").isEmpty();
            // the first failure with its cause, not one a turn, and the purge working again
            List<LogRecord> purges = logged.records().stream().filter(record -> record.getMessage().contains("purge"))
                    .toList();
            assertThat(purges).hasSize(2);
            assertThat(purges.get(0).getMessage()).isEqualTo("could not purge tombstones (tried again shortly)");
            assertThat(purges.get(0).getThrown()).hasStackTraceContaining("model_Post");
            assertThat(purges.get(1).getMessage()).matches("tombstones purged again, after [2-9] tries that failed");
        }
    }

    @Test
    void tombstonesMustOutliveTheDeltaWindow() {
        assertThat(catchThrowable(() -> SyncServer.builder(ProtocolTest.BLOG).port(0)
                .database(temp.resolve("x.db")).deltaRetention(Duration.ofHours(1)).tombstoneRetention(Duration.ofMinutes(1))
                .start())).hasMessageContaining("must be at least the delta retention");
    }

    /** A retention that is negative, or so long that its milliseconds would not fit, is refused when given. */
    @Test
    void retentionsAreRefusedOutsideTheirRange() {
        SyncServer.Builder builder = SyncServer.builder(ProtocolTest.BLOG);
        assertThat(catchThrowable(() -> builder.deltaRetention(Duration.ofMinutes(-1))))
                .hasMessage("the delta retention must be 0 to 100 years, not PT-1M");
        assertThat(catchThrowable(() -> builder.tombstoneRetention(Duration.ofDays(1_000_000_000))))
                .hasMessage("the tombstone retention must be 0 to 100 years, not PT24000000000H");
        assertThat(catchThrowable(() -> builder.tombstoneRetention(Duration.ofDays(36_500)))).isNull();
    }

    /**
     * Writers create and update posts while a client pages through a base sync and then delta
     * syncs from each {@code startedAt}: every record's final version must reach the client.
     */
    @Test
    void concurrentWritersDuringPagedSyncsMissNothing() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("busy.db"))
                .deltaRetention(Duration.ofMinutes(30)).start()) {
            Client client = new Client(server);
            for (int i = 0; i < 50; i++) {
                client.graphql("mutation { createPost(input: {id: \"seed" + i + "\", title: \"t\", status: DRAFT}) { id } }");
            }
            AtomicInteger created = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                work.add(writers.submit(() -> {
                    Client mine = new Client(server);
                    for (int i = 0; i < 40; i++) {
                        mine.graphql("mutation { createPost(input: {id: \"w" + writer + "-" + i + "\", title: \"t\", status: DRAFT})"
                                + " { id } }");
                        created.incrementAndGet();
                        mine.graphql("mutation { updatePost(input: {id: \"seed" + (i + writer * 10) % 50
                                + "\", title: \"w" + writer + "\"}) { id } }");
                    }
                    return null;
                }));
            }
            Map<String, Integer> seen = new HashMap<>();
            long lastSync = 0;
            int rounds = 0;
            boolean writing = true;
            while (writing || rounds < 2) {
                writing = work.stream().anyMatch(f -> !f.isDone());
                lastSync = syncAll(client, lastSync, seen);
                rounds = writing ? 0 : rounds + 1;
            }
            for (Future<?> future : work) {
                future.get();
            }
            JsonNode truth = client.graphql("{ syncPosts(limit: 1000, lastSync: 0) { items { id _version } } }")
                    .get("data").get("syncPosts").get("items");
            assertThat(truth).hasSize(50 + 160);
            for (JsonNode record : truth) {
                assertThat(seen.get(record.get("id").asText())).as("version of %s seen by the client", record.get("id"))
                        .isEqualTo(record.get("_version").asInt());
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static long syncAll(Client client, long lastSync, Map<String, Integer> seen) throws Exception {
        String token = null;
        long startedAt;
        do {
            String query = "query q($lastSync: AWSTimestamp, $nextToken: String) { syncPosts(limit: 7, lastSync: $lastSync,"
                    + " nextToken: $nextToken) { items { id _version } nextToken startedAt } }";
            Map<String, Object> variables = new HashMap<>();
            variables.put("lastSync", lastSync);
            variables.put("nextToken", token);
            JsonNode page = client.graphql(query, variables).get("data").get("syncPosts");
            for (JsonNode item : page.get("items")) {
                seen.merge(item.get("id").asText(), item.get("_version").asInt(), Math::max);
            }
            startedAt = page.get("startedAt").asLong();
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (token != null);
        return startedAt;
    }

    /**
     * Pages of a filtered read, followed by their nextTokens, hold every match: a page that filled
     * up before the end of the last batch it read still says there is more. Here each batch reads
     * 3 records; the first holds 2 matches, and the page fills at the first record of the second
     * (and last) batch, whose second record used to be lost: the read ended without a nextToken.
     */
    @Test
    void aPageThatFillsMidBatchLeavesNothingOut() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("pages.db")).start()) {
            Client client = new Client(server);
            List<String> wanted = new ArrayList<>();
            for (String id : List.of("a", "b", "c", "d", "e")) {
                String title = id.equals("c") ? "no" : "yes";
                client.graphql("mutation { createPost(input: {id: \"" + id + "\", title: \"" + title + "\", status: DRAFT}) { id } }");
                if (title.equals("yes")) {
                    wanted.add(id);
                }
            }
            long before = System.currentTimeMillis() - 60_000;
            Map<String, String> reads = Map.of("list", "listPosts(", "base sync", "syncPosts(", "delta sync",
                    "syncPosts(lastSync: " + before + ", ");
            for (Map.Entry<String, String> read : reads.entrySet()) {
                String call = read.getValue();
                String field = call.substring(0, call.indexOf('('));
                List<String> seen = new ArrayList<>();
                String token = null;
                do {
                    JsonNode page = client.graphql("query($token: String) { " + call + "limit: 3, nextToken: $token,"
                            + " filter: {title: {eq: \"yes\"}}) { items { id } nextToken } }",
                            token == null ? Map.of() : Map.of("token", token)).get("data").get(field);
                    page.get("items").forEach(item -> seen.add(item.get("id").asText()));
                    token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
                } while (token != null);
                assertThat(seen).as(read.getKey()).isEqualTo(wanted);
            }
        }
    }

    /** A tiny GraphQL-over-HTTP client. */
    /** A client of {@code server}, whose post {@code p} another write changed: at version 2, titled "server". */
    static Client changedMeanwhile(SyncServer server) throws Exception {
        Client client = new Client(server);
        client.graphql("mutation { createPost(input: {id: \"p\", title: \"t\", status: DRAFT, tags: []}) { id } }");
        client.graphql("mutation { updatePost(input: {id: \"p\", title: \"server\", _version: 1}) { id } }");
        return client;
    }

    static final class Client {
        /** Well beyond any request here, and short of the tests' own timeouts. */
        private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI endpoint;

        Client(SyncServer server) {
            this(server.endpoint());
        }

        /** A client of the server at {@code endpoint} (one in another process, say). */
        Client(URI endpoint) {
            this.endpoint = endpoint;
        }

        JsonNode graphql(String query) throws Exception {
            return graphql(query, Map.of());
        }

        JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
            JsonNode json = answer(query, variables);
            if (json.has("errors")) {
                throw new AssertionError("GraphQL errors: " + json.get("errors"));
            }
            return json;
        }

        /** The server's answer to {@code query}, errors and all. */
        JsonNode answer(String query, Map<String, Object> variables) throws Exception {
            ObjectNode body = ProtocolTest.JSON.createObjectNode().put("query", query);
            body.set("variables", ProtocolTest.JSON.valueToTree(variables));
            var response = http.send(HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT) // a failure naming the request
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ProtocolTest.JSON.readTree(response.body());
        }

        /** Every Post stored, tombstones too, by id, each with {@code fields}: a base sync, page by page. */
        Map<String, JsonNode> syncedPosts(String fields) throws Exception {
            Map<String, JsonNode> stored = new HashMap<>();
            String token = null;
            do {
                Map<String, Object> variables = new HashMap<>();
                variables.put("token", token);
                JsonNode page = graphql("query q($token: String) { syncPosts(limit: 1000, nextToken: $token)"
                        + " { items { id " + fields + " } nextToken } }", variables).get("data").get("syncPosts");
                page.get("items").forEach(item -> stored.put(item.get("id").asText(), item));
                token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
            } while (token != null);
            return stored;
        }
    }
}
