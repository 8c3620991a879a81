package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A running server that serves a changed schema without stopping ({@link SyncServer#replaceSchema}). */
@Timeout(120)
class SchemaReplaceTest {
    private static final String NOTE = "type Note @model { id: ID!, title: String! }";
    private static final String TAG = " type Tag @model { id: ID!, label: String! }";

    @TempDir
    Path temp;

    private Schema schema(String sdl) throws Exception {
        return ServerStartTest.schema(temp, sdl);
    }

    private SyncServer start(Schema schema) throws Exception {
        return start(schema, "SQLite");
    }

    /** A server for {@code schema} on a new database of {@code store}: SQLite or PostgreSQL. */
    private SyncServer start(Schema schema, String store) throws Exception {
        SyncServer.Builder builder = SyncServer.builder(schema).port(0);
        return (store.equals("SQLite") ? builder.database(temp.resolve("server.db")) : builder.postgres(PostgresFixture.newDatabase()))
                .start();
    }

    /**
     * The new schema is served on the same address and database, and no request fails while one
     * replaces another: a client sending requests one after another throughout has every one answered.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SQLite", "PostgreSQL"})
    void requestsAreAnsweredWhileOneSchemaReplacesAnother(String store) throws Exception {
        Schema notes = schema(NOTE);
        Schema tagged = schema(NOTE + TAG);
        try (SyncServer server = start(notes, store)) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createNote(input: {id: \"n1\", title: \"kept\"}) { id } }");
            int port = server.port();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            try (Loop reader = new Loop(() -> {
                JsonNode note = client.graphql("{ getNote(id: \"n1\") { title } }");
                assertThat(note.at("/data/getNote/title").asText()).isEqualTo("kept");
            }, failures)) {
                for (int change = 0; change < 9; change++) {
                    reader.awaitMore(3);
                    server.replaceSchema(change % 2 == 0 ? tagged : notes);
                }
                reader.awaitMore(3);
            }
            assertThat(failures).isEmpty();
            assertThat(server.port()).isEqualTo(port);
            assertThat(client.graphql("mutation { createTag(input: {id: \"t1\", label: \"new\"}) { id } }").toString())
                    .isEqualTo("{\"data\":{\"createTag\":{\"id\":\"t1\"}}}");
        }
    }

    /**
     * Writes that come while the database is made ready for a schema wait, and are then served by
     * it: served by the schema before, they would be stored after the check of stored records,
     * without a field the new schema requires. Notes are created throughout while a required
     * field with a default comes and goes; at the end, every note has it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SQLite", "PostgreSQL"})
    void writesThatComeWhileTheDatabaseIsMadeReadyAreServedByTheNewSchema(String store) throws Exception {
        Schema optional = schema(NOTE);
        Schema required = schema("type Note @model { id: ID!, title: String!, priority: Int! @default(value: \"2\") }");
        try (SyncServer server = start(optional, store)) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger created = new AtomicInteger();
            try (Loop writer = new Loop(() -> client.graphql("mutation { createNote(input: {id: \"n" + created.getAndIncrement()
                    + "\", title: \"t\"}) { id } }"), failures)) {
                for (int change = 0; change < 10; change++) {
                    writer.awaitMore(5);
                    server.replaceSchema(required);
                    writer.awaitMore(5);
                    server.replaceSchema(optional);
                }
                writer.awaitMore(5);
                server.replaceSchema(required);
                writer.awaitMore(5);
            }
            assertThat(failures).isEmpty();
            JsonNode notes = client.graphql("{ syncNotes(limit: 1000) { items { id priority } nextToken } }").at("/data/syncNotes");
            assertThat(notes.get("nextToken").isNull()).isTrue();
            assertThat(notes.get("items")).hasSize(created.get())
                    .allSatisfy(note -> assertThat(note.get("priority").asInt()).as(note.toString()).isEqualTo(2));
        }
    }

    /**
     * A schema the stored records do not fit is refused as at a start, and the schema before served
     * on: its models and no others, and its subscriptions. A schema that is served closes the
     * real-time connections (1012, service restart), whose clients connect again.
     */
    @Test
    void aSchemaTheRecordsDoNotFitIsRefusedAndTheOneBeforeServedOn() throws Exception {
        Schema notes = schema(NOTE);
        try (SyncServer server = start(notes)) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createNote(input: {id: \"n1\", title: \"a\"}) { id } }");
            RealtimeTest.Connection connection = RealtimeTest.connect(server, true, "{\"host\":\"127.0.0.1\"}");
            connection.send(RealtimeTest.start("s1", "subscription { onCreateNote { id } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");

            Schema unfit = schema("type Note @model { id: ID!, title: String!, done: Boolean! }" + TAG);
            assertThatThrownBy(() -> server.replaceSchema(unfit)).isInstanceOf(ServerStartException.class)
                    .hasMessageStartingWith("Note.done is required, but 1 stored record lacks it");
            client.graphql("mutation { createNote(input: {id: \"n2\", title: \"b\"}) { id } }");
            assertThat(connection.next().at("/payload/data/onCreateNote/id").asText()).isEqualTo("n2");
            assertThatThrownBy(() -> client.graphql("{ listTags { items { id } } }")).hasMessageContaining("listTags");

            server.replaceSchema(schema(NOTE + TAG));
            assertThat(connection.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1012);
            RealtimeTest.Connection again = RealtimeTest.connect(server, true, "{\"host\":\"127.0.0.1\"}");
            again.send(RealtimeTest.start("s2", "subscription { onCreateTag { id } }", Map.of()));
            assertThat(again.next().get("type").asText()).isEqualTo("start_ack");
            client.graphql("mutation { createTag(input: {id: \"t1\", label: \"x\"}) { id } }");
            assertThat(again.next().at("/payload/data/onCreateTag/id").asText()).isEqualTo("t1");
            again.socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    @Test
    void aSchemaWithoutModelsOrAClosedServerIsRefused() throws Exception {
        Schema plain = Codegen.compile(List.of()).schema().orElseThrow();
        SyncServer server = start(schema(NOTE));
        assertThatThrownBy(() -> server.replaceSchema(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the schema declares no @model type: there is nothing to serve");
        server.close();
        assertThatThrownBy(() -> server.replaceSchema(schema(NOTE + TAG))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the server is closed");
    }

    /** A thread doing {@code step} again and again until closed, keeping what fails. */
    private static final class Loop implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        /** Steps done, guarded by this loop's monitor, which is told of each. */
        private int done;

        interface Step {
            void run() throws Exception;
        }

        Loop(Step step, List<Throwable> failures) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        step.run();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    synchronized (this) {
                        done++;
                        notifyAll();
                    }
                }
            }, "loop");
            thread.start();
        }

        /** Waits until {@code steps} more steps are done. */
        synchronized void awaitMore(int steps) throws InterruptedException {
            int target = done + steps;
            while (done < target) {
                wait();
            }
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
