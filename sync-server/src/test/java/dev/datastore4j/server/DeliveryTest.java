package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What subscribers hear of committed mutations, on SQLite and on PostgreSQL: every version of a
 * record, once, in the order the versions were written, as the kind of change its mutation made,
 * however many clients write at once.
 */
class DeliveryTest {
    private static final int RECORDS = 4;
    private static final int WRITERS = 8;
    private static final int UPDATES_EACH = 25;
    private static final int SUBSCRIBERS = 3;

    @TempDir
    Path temp;

    /** A version of a record as a mutation's answer or a subscriber's event gives it. */
    private record Heard(String id, int version) {
        static Heard of(JsonNode record) {
            return new Heard(record.get("id").asText(), record.get("_version").asInt());
        }
    }

    private SyncServer start(String database) throws Exception {
        SyncServer.Builder builder = SyncServer.builder(ProtocolTest.BLOG).port(0);
        return (database.equals("sqlite") ? builder.database(temp.resolve("delivery.db"))
                : builder.postgres(PostgresFixture.newDatabase())).start();
    }

    private static RealtimeTest.Connection subscribe(SyncServer server, String subscription) throws Exception {
        RealtimeTest.Connection connection = RealtimeTest.connect(server, true, "{\"x-api-key\":\"k\"}");
        connection.send(RealtimeTest.start(subscription, "subscription { " + subscription + " { id _version } }", Map.of()));
        assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
        return connection;
    }

    /**
     * Writers updating the same few records at once, each with the version it last read (stale
     * ones are merged): every subscriber hears every update that was accepted, once, and the
     * versions of each record in increasing order. Concurrent requests used to publish their
     * changes after their commits, each on its own thread, so on SQLite two updates of one record
     * could reach subscribers in the wrong order, leaving a client with the older version; on
     * PostgreSQL an update replaced before its notification was read never reached them at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void everyAcceptedUpdateReachesEverySubscriberOnceAndInVersionOrder(String database) throws Exception {
        try (SyncServer server = start(database)) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            for (int r = 0; r < RECORDS; r++) {
                client.graphql("mutation { createPost(input: {id: \"p" + r + "\", title: \"t\", status: DRAFT}) { id } }");
            }
            List<RealtimeTest.Connection> subscribers = new ArrayList<>();
            for (int s = 0; s < SUBSCRIBERS; s++) {
                subscribers.add(subscribe(server, "onUpdatePost"));
            }
            List<Heard> accepted = concurrently(WRITERS, writer -> {
                Random random = new Random(writer);
                List<Heard> updated = new ArrayList<>();
                for (int i = 0; i < UPDATES_EACH; i++) {
                    String id = "p" + random.nextInt(RECORDS);
                    int version = client.graphql("{ getPost(id: \"" + id + "\") { _version } }")
                            .get("data").get("getPost").get("_version").asInt();
                    updated.add(Heard.of(client.graphql("mutation { updatePost(input: {id: \"" + id
                            + "\", title: \"u" + i + "\", _version: " + version + "}) { id _version } }")
                            .get("data").get("updatePost")));
                }
                return updated;
            });
            assertThat(accepted).hasSize(WRITERS * UPDATES_EACH).doesNotHaveDuplicates();
            for (RealtimeTest.Connection subscriber : subscribers) {
                assertHeardOnceEachInVersionOrder(hear(subscriber, "onUpdatePost", accepted.size()), accepted);
                assertThat(subscriber.messages.poll(200, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
            }
        }
    }

    /**
     * A record created again over its tombstone (version 3) is a create to subscribers, as its
     * mutation was; on PostgreSQL it used to be announced as an update, its version being above 1.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aRecordCreatedAgainAfterItsDeleteIsHeardAsACreate(String database) throws Exception {
        try (SyncServer server = start(database)) {
            RealtimeTest.Connection creates = subscribe(server, "onCreatePost");
            RealtimeTest.Connection deletes = subscribe(server, "onDeletePost");
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createPost(input: {id: \"p\", title: \"first\", status: DRAFT}) { id } }");
            client.graphql("mutation { deletePost(input: {id: \"p\", _version: 1}) { id } }");
            client.graphql("mutation { createPost(input: {id: \"p\", title: \"again\", status: DRAFT}) { id } }");
            assertThat(hear(creates, "onCreatePost", 1)).containsExactly(new Heard("p", 1));
            assertThat(hear(deletes, "onDeletePost", 1)).containsExactly(new Heard("p", 2));
            assertThat(hear(creates, "onCreatePost", 1)).containsExactly(new Heard("p", 3));
        }
    }

    /**
     * On PostgreSQL a change travels in its notification, which holds under 8,000 bytes; a larger
     * record travels in a table the notification points to. Updated by several clients at once,
     * such records too reach subscribers in every version: read back when heard of instead, a
     * version replaced meanwhile was lost.
     */
    @Test
    void recordsTooLargeForANotificationReachSubscribersInEveryVersion() throws Exception {
        try (SyncServer server = start("postgres")) {
            String content = "x".repeat(PostgresRecordStore.MAX_PAYLOAD_BYTES);
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            RealtimeTest.Connection creates = subscribe(server, "onCreatePost");
            RealtimeTest.Connection updates = subscribe(server, "onUpdatePost");
            for (int r = 0; r < 2; r++) {
                client.graphql("mutation { createPost(input: {id: \"big" + r + "\", title: \"t\", status: DRAFT, content: \""
                        + content + "\"}) { id } }");
                assertThat(hear(creates, "onCreatePost", 1)).containsExactly(new Heard("big" + r, 1));
            }
            List<Heard> accepted = concurrently(4, writer -> {
                List<Heard> updated = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    updated.add(Heard.of(client.graphql("mutation { updatePost(input: {id: \"big" + (i % 2)
                            + "\", title: \"w" + writer + "\"}) { id _version } }").get("data").get("updatePost")));
                }
                return updated;
            });
            assertHeardOnceEachInVersionOrder(hear(updates, "onUpdatePost", accepted.size()), accepted);
        }
    }

    /** What one writer of {@link #concurrently} does; returns the versions its mutations were answered with. */
    private interface Writer {
        List<Heard> write(int writer) throws Exception;
    }

    /** Runs {@code writers} writers at once, each on its own thread, and returns every version they were answered with. */
    private static List<Heard> concurrently(int writers, Writer writer) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Heard>>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int number = w;
                done.add(threads.submit(() -> writer.write(number)));
            }
            List<Heard> accepted = new ArrayList<>();
            for (Future<List<Heard>> written : done) {
                accepted.addAll(written.get(60, TimeUnit.SECONDS));
            }
            return accepted;
        } finally {
            threads.shutdown();
        }
    }

    /** The next {@code count} events of {@code subscription} that {@code subscriber} hears. */
    private static List<Heard> hear(RealtimeTest.Connection subscriber, String subscription, int count)
            throws InterruptedException {
        List<Heard> heard = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            heard.add(Heard.of(subscriber.next().get("payload").get("data").get(subscription)));
        }
        return heard;
    }

    /** Checks {@code heard} holds each accepted version once, and each record's versions in increasing order. */
    private static void assertHeardOnceEachInVersionOrder(List<Heard> heard, List<Heard> accepted) {
        assertThat(heard).containsExactlyInAnyOrderElementsOf(accepted);
        Map<String, Integer> last = new HashMap<>();
        for (Heard version : heard) {
            Integer before = last.put(version.id(), version.version());
            assertThat(before == null || before < version.version())
                    .as("%s heard after version %s of the same record", version, before).isTrue();
        }
    }
}
