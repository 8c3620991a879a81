package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two server nodes over one real PostgreSQL database behave as one server. */
class TwoNodeTest {
    @Test
    void aWriteThroughOneNodeReachesSubscribersOfTheOther() throws Exception {
        String url = PostgresFixture.newDatabase();
        try (SyncServer a = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url).start();
                SyncServer b = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url).start()) {
            RealtimeTest.Connection onB = RealtimeTest.connect(b, true, "{\"x-api-key\":\"k\"}");
            onB.send(RealtimeTest.start("s", "subscription { onCreatePost { id title _version } }", Map.of()));
            assertThat(onB.next().get("type").asText()).isEqualTo("start_ack");
            RealtimeTest.Connection onA = RealtimeTest.connect(a, true, "{\"x-api-key\":\"k\"}");
            onA.send(RealtimeTest.start("s", "subscription { onCreatePost { id } }", Map.of()));
            assertThat(onA.next().get("type").asText()).isEqualTo("start_ack");

            new SyncSemanticsTest.Client(a).graphql("mutation { createPost(input: {id: \"p\", title: \"via A\", status: DRAFT}) { id } }");
            assertThat(onB.next().get("payload").get("data").get("onCreatePost").toString())
                    .isEqualTo("{\"id\":\"p\",\"title\":\"via A\",\"_version\":1}");
            assertThat(onA.next().get("payload").get("data").get("onCreatePost").get("id").asText()).isEqualTo("p");
            assertThat(onA.messages.poll(300, TimeUnit.MILLISECONDS)).as("delivered once").isNull();
            // and B reads what A wrote
            assertThat(new SyncSemanticsTest.Client(b).graphql("{ getPost(id: \"p\") { title } }").get("data").get("getPost")
                    .get("title").asText()).isEqualTo("via A");
            // and a sync paged through A goes on through B (the nodes seal page tokens with one key)
            new SyncSemanticsTest.Client(a).graphql("mutation { createPost(input: {id: \"q\", title: \"t\", status: DRAFT}) { id } }");
            String token = new SyncSemanticsTest.Client(a).graphql("{ syncPosts(limit: 1) { nextToken } }").get("data")
                    .get("syncPosts").get("nextToken").asText();
            assertThat(new SyncSemanticsTest.Client(b).graphql("query q($t: String) { syncPosts(limit: 1, nextToken: $t)"
                    + " { items { id } } }", Map.of("t", token)).get("data").get("syncPosts").get("items").get(0).get("id").asText())
                    .isEqualTo("q");
        }
    }

    @Test
    void losingTheListeningConnectionEndsSubscriptionsAndTheServerListensAgain() throws Exception {
        String url = PostgresFixture.newDatabase();
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url).start()) {
            RealtimeTest.Connection connection = RealtimeTest.connect(server, true, "{\"x-api-key\":\"k\"}");
            connection.send(RealtimeTest.start("before", "subscription { onCreatePost { id } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");

            assertThat(PostgresFixture.terminateListeners(url)).isEqualTo(1); // a database restart, say
            // changes may have been missed meanwhile: the subscription ends, so that its client syncs again
            JsonNode ended = connection.next();
            assertThat(ended.get("type").asText()).isEqualTo("error");
            assertThat(ended.get("id").asText()).isEqualTo("before");
            assertThat(ended.get("payload").get("errors").get(0).get("message").asText())
                    .contains("may have missed some; subscribe again, and sync what was missed");

            connection.send(RealtimeTest.start("after", "subscription { onCreatePost { id } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            JsonNode heard = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (int i = 0; heard == null && System.nanoTime() < deadline; i++) { // until it listens again
                client.graphql("mutation { createPost(input: {id: \"p" + i + "\", title: \"t\", status: DRAFT}) { id } }");
                heard = connection.messages.poll(500, TimeUnit.MILLISECONDS);
            }
            assertThat(heard).as("a change heard after listening again").isNotNull();
            assertThat(heard.get("id").asText()).isEqualTo("after");
        }
    }

    @Test
    void aReadRightAfterTheDatabaseDroppedItsConnectionsIsAnswered() throws Exception {
        String url = PostgresFixture.newDatabase();
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createPost(input: {id: \"p\", title: \"t\", status: DRAFT}) { id } }");
            String read = "{ getPost(id: \"p\") { id } }";
            assertThat(client.graphql(read).get("data").get("getPost").get("id").asText()).isEqualTo("p");
            PostgresFixture.terminateAll(url); // a restart: the pooled read connection, used just now, is gone
            assertThat(client.graphql(read).get("data").get("getPost").get("id").asText()).isEqualTo("p");
        }
    }

    @Test
    void aNodeWritesAgainOnceItsDatabaseIsBack() throws Exception {
        String url = PostgresFixture.newDatabase();
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createPost(input: {id: \"before\", title: \"t\", status: DRAFT}) { id } }");
            assertThat(PostgresFixture.terminateAll(url)).isGreaterThanOrEqualTo(3); // writer, listener, readers: a restart

            int failed = 0;
            boolean written = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!written && System.nanoTime() < deadline) {
                try {
                    client.graphql("mutation { createPost(input: {id: \"after\", title: \"t\", status: DRAFT}) { id } }");
                    written = true;
                } catch (AssertionError e) { // the write that finds the connection gone fails, and says so
                    assertThat(e.getMessage()).contains("write failed");
                    failed++;
                }
            }
            assertThat(written).as("a write succeeds again").isTrue();
            assertThat(failed).as("writes failed before it").isLessThanOrEqualTo(2);
            assertThat(client.graphql("{ getPost(id: \"after\") { id } }").get("data").get("getPost").get("id").asText())
                    .isEqualTo("after");
        }
    }

    @Test
    void nodesStartingTogetherOnAFreshDatabaseAllComeUp() throws Exception {
        String url = PostgresFixture.newDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<SyncServer>> starting = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                starting.add(pool.submit(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url).start()));
            }
            List<SyncServer> nodes = new ArrayList<>();
            for (Future<SyncServer> node : starting) {
                nodes.add(node.get(60, TimeUnit.SECONDS)); // schema setup is serialised, not raced
            }
            new SyncSemanticsTest.Client(nodes.get(0)).graphql(
                    "mutation { createPost(input: {id: \"p\", title: \"t\", status: DRAFT}) { id } }");
            for (SyncServer node : nodes) {
                assertThat(new SyncSemanticsTest.Client(node).graphql("{ getPost(id: \"p\") { title } }").get("data")
                        .get("getPost").get("title").asText()).isEqualTo("t");
                node.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritesThroughBothNodesKeepOneVersionHistory() throws Exception {
        String url = PostgresFixture.newDatabase();
        try (SyncServer a = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url)
                .conflictStrategy(ConflictStrategy.OPTIMISTIC_CONCURRENCY).start();
                SyncServer b = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url)
                .conflictStrategy(ConflictStrategy.OPTIMISTIC_CONCURRENCY).start()) {
            new SyncSemanticsTest.Client(a).graphql("mutation { createPost(input: {id: \"n\", title: \"0\", status: DRAFT}) { id } }");
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    SyncServer node = t % 2 == 0 ? a : b;
                    work.add(pool.submit(() -> {
                        ProtocolClient client = new ProtocolClient(node);
                        for (int i = 0; i < 30; i++) {
                            // read the current version, then try to be the one that writes the next
                            int version = client.query("{ getPost(id: \"n\") { _version } }").get("data").get("getPost")
                                    .get("_version").asInt();
                            JsonNode response = client.query("mutation { updatePost(input: {id: \"n\", title: \"" + i
                                    + "\", _version: " + version + "}) { _version } }");
                            if (response.has("errors")) {
                                assertThat(response.get("errors").get(0).get("errorType").asText()).isEqualTo("ConflictUnhandled");
                                conflicts.incrementAndGet();
                            } else {
                                assertThat(response.get("data").get("updatePost").get("_version").asInt()).isEqualTo(version + 1);
                                accepted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : work) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            int finalVersion = new ProtocolClient(b).query("{ getPost(id: \"n\") { _version } }").get("data").get("getPost")
                    .get("_version").asInt();
            assertThat(finalVersion).isEqualTo(1 + accepted.get());
            assertThat(accepted.get() + conflicts.get()).isEqualTo(180);
            System.out.printf("TwoNodeTest: %d accepted, %d conflicts, final version %d%n", accepted.get(), conflicts.get(),
                    finalVersion);
        }
    }

    /** Stale updates resolved through both nodes at once lose nothing: each answer is written over the record it was given. */
    @Test
    void staleUpdatesResolvedThroughBothNodesLoseNothing() throws Exception {
        String url = PostgresFixture.newDatabase();
        try (SyncServer a = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url)
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(SyncSemanticsTest.JOIN_TAGS).start();
                SyncServer b = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url)
                .conflictStrategy(ConflictStrategy.CUSTOM).conflictResolver(SyncSemanticsTest.JOIN_TAGS).start()) {
            SyncSemanticsTest.raceStaleUpdates("TwoNodeTest", a, b);
        }
    }

    /** Like {@link SyncSemanticsTest.Client}, but returns errors instead of failing on them. */
    private static final class ProtocolClient {
        private final HttpClient http = HttpClient.newHttpClient();
        private final SyncServer server;

        ProtocolClient(SyncServer server) {
            this.server = server;
        }

        JsonNode query(String query) throws Exception {
            var response = http.send(HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            ProtocolTest.JSON.createObjectNode().put("query", query).toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ProtocolTest.JSON.readTree(response.body());
        }
    }
}
