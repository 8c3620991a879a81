package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server that cannot start says: which database or address, and why, and nothing touched. */
class ServerStartTest {
    @TempDir
    Path temp;

    private SyncServer.Builder server() {
        return SyncServer.builder(ProtocolTest.BLOG).port(0);
    }

    @Test
    void aSchemaWithoutModelsHasNothingToServe() {
        Schema plain = Codegen.compile(List.of()).schema().orElseThrow(); // no types at all: only a warning
        assertThatThrownBy(() -> SyncServer.builder(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the schema declares no @model type: there is nothing to serve");
    }

    /**
     * A schema that changed the key of a model with records cannot serve them (reads by the new
     * key would miss them, creates would repeat a key): the server says so, and serves the same
     * database again once the schema is back. A model without records may change its key.
     */
    @Test
    void aDatabaseWhoseRecordsHaveAnotherKeyIsRefused() throws Exception {
        Path file = temp.resolve("notes.db");
        try (SyncServer before = SyncServer.builder(schema("type Note @model { id: ID!, title: String! }"
                + " type Tag @model { id: ID!, label: String! }")).port(0).database(file).start()) {
            new SyncSemanticsTest.Client(before).graphql("mutation { createNote(input: {id: \"n1\", title: \"hello\"}) { id } }");
        }
        Schema rekeyed = schema("type Note @model { title: String! @primaryKey, id: ID! }"
                + " type Tag @model { label: String! @primaryKey }");
        assertThatThrownBy(() -> SyncServer.builder(rekeyed).port(0).database(file).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("the database keeps Note records under another key than title (one is stored as [\"n1\"]):"
                        + " the schema changed the key of a model that has records; serve it from a new database,"
                        + " or give the model a new name");
        Schema sameKeys = schema("type Note @model { id: ID!, title: String! } type Tag @model { label: String! @primaryKey }");
        try (SyncServer after = SyncServer.builder(sameKeys).port(0).database(file).start()) {
            assertThat(new SyncSemanticsTest.Client(after).graphql("{ getNote(id: \"n1\") { title } }").toString())
                    .isEqualTo("{\"data\":{\"getNote\":{\"title\":\"hello\"}}}");
        }
    }

    private Schema schema(String sdl) throws Exception {
        Path file = Files.writeString(temp.resolve("schema-" + sdl.hashCode() + ".graphql"), sdl);
        return Codegen.compile(List.of(file)).schema().orElseThrow();
    }

    @Test
    void aDatabaseInAMissingFolderIsNamed() {
        Path nowhere = temp.resolve("no/such/folder/server.db");
        assertThatThrownBy(() -> server().database(nowhere).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("cannot open the server database " + nowhere + ": folder " + nowhere.getParent() + " does not exist");
    }

    @Test
    void aFolderIsNotTakenForADatabase() {
        assertThatThrownBy(() -> server().database(temp).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("cannot open the server database " + temp + ": it is a folder; name a database file in it");
    }

    @Test
    void aFileThatIsNotADatabaseIsLeftAsItIs() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a database, ".repeat(300));
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> server().database(file).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("cannot open the server database " + file + ": ")
                .hasMessageContaining("not a database");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(temp)) { // no WAL or shared-memory file left beside it; the empty lock file stays
            assertThat(files).containsExactlyInAnyOrder(file, temp.resolve("notes.txt-datastore4j.lock"));
        }
    }

    @Test
    void anSqliteDatabaseIsServedByOneServerAtATime() throws Exception {
        Path file = temp.resolve("server.db");
        try (SyncServer first = server().database(file).start()) {
            assertThatThrownBy(() -> server().database(file).start())
                    .isInstanceOf(ServerStartException.class)
                    .hasMessage("cannot open the server database " + file + ": another server in this process has it open;"
                            + " with SQLite one server serves a database (several nodes need PostgreSQL)");
            assertThat(first.port()).isPositive();
        }
        try (SyncServer next = server().database(file).start()) { // released on close
            assertThat(next.port()).isPositive();
        }
    }

    @Test
    void aTakenAddressIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> server().port(port).database(temp.resolve("server.db")).start())
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("in use");
        }
        try (SyncServer again = server().database(temp.resolve("server.db")).start()) {
            assertThat(again.port()).isPositive(); // the database is usable by the next start
        }
    }

    @Test
    void anUnreachablePostgresIsNamedWithoutItsPassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=app&password=secret";
        assertThatThrownBy(() -> server().postgres(url).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=app&password=***: ")
                .hasMessageNotContaining("secret");
    }
}
