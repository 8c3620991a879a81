package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
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

    /**
     * A schema that dropped or renamed a model whose records the database holds is served, and the
     * server says those records are kept, not lost; they are served again when the model returns.
     */
    @Test
    void recordsOfAModelTheSchemaNoLongerHasAreKeptAndSaidToBe() throws Exception {
        Path file = temp.resolve("notes.db");
        Schema notes = schema("type Note @model { id: ID!, title: String! }");
        try (SyncServer server = SyncServer.builder(notes).port(0).database(file).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createNote(input: {id: \"n1\", title: \"hello\"}) { id } }");
            client.graphql("mutation { createNote(input: {id: \"n2\", title: \"again\"}) { id } }");
        }
        try (LoggedRecords logged = LoggedRecords.of(SyncServer.class);
                SyncServer renamed = SyncServer.builder(schema("type Memo @model { id: ID!, title: String! }")).port(0)
                        .database(file).start()) {
            assertThat(new SyncSemanticsTest.Client(renamed).graphql("{ listMemos { items { id } } }").toString())
                    .isEqualTo("{\"data\":{\"listMemos\":{\"items\":[]}}}");
            assertThat(logged.records()).extracting(record -> record.getLevel() + " " + record.getMessage())
                    .containsExactly("WARNING the database holds 2 records of Note, a model this schema does not have"
                    + " (dropped or renamed): kept, not served, and served again once the schema has Note again");
        }
        try (SyncServer back = SyncServer.builder(notes).port(0).database(file).start()) {
            assertThat(new SyncSemanticsTest.Client(back).graphql("{ getNote(id: \"n2\") { title } }").toString())
                    .isEqualTo("{\"data\":{\"getNote\":{\"title\":\"again\"}}}");
        }
        // a start counts no further than RecordStore.UNSERVED_COUNTED records of a model
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                    + RecordStore.UNSERVED_COUNTED + ") INSERT INTO model_Note (key, data, version, deleted, last_changed_at)"
                    + " SELECT '[\"bulk' || i || '\"]', json_object('id', 'bulk' || i, 'title', 't'), 1, 0, 0 FROM n");
        }
        try (LoggedRecords logged = LoggedRecords.of(SyncServer.class)) {
            SyncServer.builder(schema("type Memo @model { id: ID!, title: String! }")).port(0).database(file).start().close();
            assertThat(logged.records()).extracting(LogRecord::getMessage).containsExactly("the database holds 100000 or more"
                    + " records of Note, a model this schema does not have (dropped or renamed): kept, not served, and"
                    + " served again once the schema has Note again");
        }
    }

    /**
     * A schema that makes a field required (new, or optional before) is served over records written
     * without it only once each has it: its @default, or for timestamps turned on the time the
     * record last changed, written as a change of the record so that a delta sync carries it.
     * Tombstones too, since syncs return them.
     */
    @Test
    void aFieldTheSchemaNowRequiresIsFilledInFromItsDefault() throws Exception {
        Path file = temp.resolve("tasks.db");
        long before;
        try (SyncServer server = SyncServer.builder(schema("type Task @model(timestamps: null) { id: ID!, title: String!,"
                + " size: Int }")).port(0).database(file).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createTask(input: {id: \"t1\", title: \"kept\", size: 3}) { id } }");
            client.graphql("mutation { createTask(input: {id: \"t2\", title: \"gone\"}) { id } }");
            client.graphql("mutation { deleteTask(input: {id: \"t2\", _version: 1}) { id } }");
            before = client.graphql("{ syncTasks { startedAt } }").at("/data/syncTasks/startedAt").asLong();
        }
        Schema now = schema("type Task @model { id: ID!, title: String!, size: Int! @default(value: \"1\"),"
                + " priority: Int! @default(value: \"2\"), status: Status! @default(value: \"OPEN\") }"
                + " enum Status { OPEN DONE }");
        try (SyncServer server = SyncServer.builder(now).port(0).database(file).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            JsonNode delta = client.graphql("{ syncTasks(lastSync: " + before + ") { items { id title size priority"
                    + " status createdAt updatedAt _version _deleted _lastChangedAt } } }").at("/data/syncTasks/items");
            assertThat(delta).hasSize(2);
            JsonNode kept = delta.get(0).get("id").asText().equals("t1") ? delta.get(0) : delta.get(1);
            JsonNode gone = kept == delta.get(0) ? delta.get(1) : delta.get(0);
            assertThat(kept.get("size").asInt()).as("a value it had stays").isEqualTo(3);
            assertThat(kept.get("priority").asInt()).isEqualTo(2);
            assertThat(kept.get("status").asText()).isEqualTo("OPEN");
            assertThat(kept.get("_version").asInt()).isEqualTo(2);
            assertThat(kept.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                    .isEqualTo(kept.get("updatedAt").asText());
            assertThat(gone.get("_deleted").asBoolean()).isTrue();
            assertThat(gone.get("size").asInt()).isEqualTo(1);
            assertThat(gone.get("_version").asInt()).isEqualTo(3);
        }
        try (SyncServer again = SyncServer.builder(now).port(0).database(file).start()) {
            JsonNode kept = new SyncSemanticsTest.Client(again).graphql("{ getTask(id: \"t1\") { priority _version } }");
            assertThat(kept.toString()).as("written once: a later start changes nothing").isEqualTo("{\"data\":{\"getTask\":{\"priority\":2,\"_version\":2}}}");
        }
    }

    /** A field that was required, then optional for a while, is checked again when it becomes required again. */
    @Test
    void aFieldRequiredAgainIsCheckedAgain() throws Exception {
        Path file = temp.resolve("tasks.db");
        Schema required = schema("type Task @model { id: ID!, title: String!, priority: Int! @default(value: \"2\") }");
        try (SyncServer server = SyncServer.builder(required).port(0).database(file).start()) {
            new SyncSemanticsTest.Client(server).graphql("mutation { createTask(input: {id: \"t1\", title: \"a\"}) { id } }");
        }
        try (SyncServer server = SyncServer.builder(schema("type Task @model { id: ID!, title: String!, priority: Int }"))
                .port(0).database(file).start()) {
            new SyncSemanticsTest.Client(server).graphql("mutation { createTask(input: {id: \"t2\", title: \"b\"}) { id } }");
        }
        try (SyncServer server = SyncServer.builder(required).port(0).database(file).start()) {
            assertThat(new SyncSemanticsTest.Client(server).graphql("{ getTask(id: \"t2\") { priority _version } }").toString())
                    .isEqualTo("{\"data\":{\"getTask\":{\"priority\":2,\"_version\":2}}}");
        }
    }

    /** A required field that a stored record lacks and that has no default keeps the server from starting, with nothing written. */
    @Test
    void aNewRequiredFieldWithoutADefaultIsRefusedWhileRecordsLackIt() throws Exception {
        Path file = temp.resolve("tasks.db");
        Schema first = schema("type Task @model { id: ID!, title: String! }");
        try (SyncServer server = SyncServer.builder(first).port(0).database(file).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createTask(input: {id: \"t1\", title: \"a\"}) { id } }");
            client.graphql("mutation { createTask(input: {id: \"t2\", title: \"b\"}) { id } }");
        }
        Schema required = schema("type Task @model { id: ID!, title: String!, done: Boolean!,"
                + " priority: Int! @default(value: \"2\") }");
        assertThatThrownBy(() -> SyncServer.builder(required).port(0).database(file).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Task.done is required, but 2 stored records lack it (such as [\"t1\"]): give such a field"
                        + " a @default, which the server then fills in (a model's own fields can have one), or make it optional");
        try (SyncServer server = SyncServer.builder(first).port(0).database(file).start()) {
            assertThat(new SyncSemanticsTest.Client(server).graphql("{ getTask(id: \"t1\") { title _version } }").toString())
                    .as("nothing was written").isEqualTo("{\"data\":{\"getTask\":{\"title\":\"a\",\"_version\":1}}}");
        }
    }

    /**
     * A field now required in a non-model type (which cannot have a @default) that stored objects
     * lack, in a list too, keeps the server from starting; a record without the object lacks
     * nothing. Once the objects hold it, the server starts.
     */
    @Test
    void aRequiredFieldOfANonModelTypeIsLookedForInStoredObjects() throws Exception {
        Path file = temp.resolve("people.db");
        String types = "type Person @model { id: ID!, home: Address, past: [Address!] }";
        try (SyncServer server = SyncServer.builder(schema(types + " type Address { street: String, geo: Geo }"
                + " type Geo { lat: Float, lon: Float }")).port(0).database(file).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createPerson(input: {id: \"p1\", home: {street: \"Main\"}}) { id } }");
            client.graphql("mutation { createPerson(input: {id: \"p2\", past: [{street: \"A\"}, {geo: {lat: 1}}]}) { id } }");
            client.graphql("mutation { createPerson(input: {id: \"p3\"}) { id } }");
        }
        Schema required = schema(types + " type Address { street: String!, geo: Geo } type Geo { lat: Float!, lon: Float! }");
        assertThatThrownBy(() -> SyncServer.builder(required).port(0).database(file).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Person.past.street is required, but 1 stored record lacks it (such as [\"p2\"]);"
                        + " Person.past.geo.lon is required, but 1 stored record lacks it (such as [\"p2\"]): give such a"
                        + " field a @default, which the server then fills in (a model's own fields can have one), or make it optional");
        Schema streetsOnly = schema(types + " type Address { street: String, geo: Geo } type Geo { lat: Float!, lon: Float }");
        try (SyncServer server = SyncServer.builder(streetsOnly).port(0).database(file).start()) {
            assertThat(new SyncSemanticsTest.Client(server).graphql("{ getPerson(id: \"p2\") { past { geo { lat } } } }")
                    .toString()).isEqualTo("{\"data\":{\"getPerson\":{\"past\":[{\"geo\":null},{\"geo\":{\"lat\":1.0}}]}}}");
        }
    }

    /**
     * A field whose type changed so that stored values no longer fit it (an enum value dropped,
     * text that is not a date, in a list or a non-model type too) keeps the server from starting,
     * naming a record and the value; a change the values fit starts.
     */
    @Test
    void aTypeThatStoredValuesNoLongerFitIsRefused() throws Exception {
        Path file = temp.resolve("tasks.db");
        String task = "type Task @model { id: ID!, level: Level, due: String, tags: [Level!], note: Note, extra: String }";
        try (SyncServer server = SyncServer.builder(schema(task + " enum Level { LOW MEDIUM HIGH } type Note { at: String }"))
                .port(0).database(file).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            client.graphql("mutation { createTask(input: {id: \"t1\", level: MEDIUM, due: \"2024-02-29\"}) { id } }");
            client.graphql("mutation { createTask(input: {id: \"t2\", due: \"tomorrow\", tags: [LOW, MEDIUM]}) { id } }");
            client.graphql("mutation { createTask(input: {id: \"t3\", note: {at: \"noon\"}, extra: \"not json\"}) { id } }");
        }
        Schema retyped = schema("type Task @model { id: ID!, level: Level, due: AWSDate, tags: [Level!], note: Note,"
                + " extra: AWSJSON } enum Level { LOW HIGH } type Note { at: AWSTime }");
        assertThatThrownBy(() -> SyncServer.builder(retyped).port(0).database(file).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Task.level is of a type that values of 1 stored record do not fit (such as [\"t1\"]: \"MEDIUM\""
                        + " is not a value of Level); Task.due is of a type that values of 1 stored record do not fit (such"
                        + " as [\"t2\"]: \"tomorrow\" is not a valid AWSDate); Task.tags is of a type that values of 1 stored"
                        + " record do not fit (such as [\"t2\"]: \"MEDIUM\" is not a value of Level); Task.note is of a type"
                        + " that values of 1 stored record do not fit (such as [\"t3\"]: \"noon\" is not a valid AWSTime);"
                        + " Task.extra is of a type that values of 1 stored record do not fit (such as [\"t3\"]: \"not json\""
                        + " is not a valid AWSJSON): change those records, or keep the type they were written with");
        Schema fits = schema(task + " enum Level { LOW MEDIUM } type Note { at: ID }");
        try (SyncServer server = SyncServer.builder(fits).port(0).database(file).start()) {
            new SyncSemanticsTest.Client(server).graphql("mutation { updateTask(input: {id: \"t1\", level: LOW, _version: 1}) { id } }");
        }
        try (SyncServer server = SyncServer.builder(fits).port(0).database(file).start()) {
            assertThat(new SyncSemanticsTest.Client(server).graphql("{ getTask(id: \"t2\") { tags note { at } } }").toString())
                    .isEqualTo("{\"data\":{\"getTask\":{\"tags\":[\"LOW\",\"MEDIUM\"],\"note\":null}}}");
        }
    }

    /**
     * A field checked under earlier rules for its values is checked again under the present ones:
     * a value an earlier version took (here written past the server's own checks) is found at the
     * next start, not served. Under the same rules the field stays checked, and no record is read.
     */
    @Test
    void fieldsCheckedUnderEarlierRulesAreCheckedAgain() throws Exception {
        Schema tasks = schema("type Task @model { id: ID!, due: AWSDate }");
        try (RecordStore store = new SqliteRecordStore(temp.resolve("tasks.db"))) {
            store.addModels(List.of("Task"));
            StoredRecordsCheck.run(store, tasks, StoredTypes.RULES - 1);
            ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", "t1").put("due", "tomorrow");
            store.write(writer -> writer.put(new StoredRecord("Task", "[\"t1\"]", data, 1, false, 0), Changes.Kind.CREATE));

            StoredRecordsCheck.run(store, tasks, StoredTypes.RULES - 1); // checked: not read
            assertThatThrownBy(() -> StoredRecordsCheck.run(store, tasks))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageStartingWith("Task.due is of a type that values of 1 stored record do not fit (such as"
                            + " [\"t1\"]: \"tomorrow\" is not a valid AWSDate)");
        }
    }

    private Schema schema(String sdl) throws Exception {
        return schema(temp, sdl);
    }

    /** The schema {@code sdl} is, written to a file in {@code folder} and compiled. */
    static Schema schema(Path folder, String sdl) throws Exception {
        Path file = Files.writeString(folder.resolve("schema-" + sdl.hashCode() + ".graphql"), sdl);
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

    /** What the file system says, not the Java exception's class: here a folder is where the lock file goes. */
    @Test
    void aLockFileThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        Path file = temp.resolve("server.db");
        Path lock = Files.createDirectory(temp.resolve("server.db-datastore4j.lock"));
        assertThatThrownBy(() -> server().database(file).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("cannot open the server database " + file + ": cannot create its lock file " + lock + ": Is a directory");
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

    /**
     * A SQLite database with tables but none of a server's is refused and left as it was: another
     * program's, or an app's local store named by mistake, would get the server's tables beside its own.
     * A table named records is the server's only with the columns of earlier versions' one table of
     * records: another's would have its rows moved, and be dropped once empty.
     */
    @Test
    void anotherSqliteDatabaseIsLeftAsItIs() throws Exception {
        Path other = temp.resolve("other.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + other)) {
            connection.createStatement().execute("CREATE TABLE settings (k TEXT, v TEXT)");
        }
        Path records = temp.resolve("records.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + records)) {
            connection.createStatement().execute("CREATE TABLE records (model TEXT, key TEXT, data TEXT)");
        }
        Path local = temp.resolve("app.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + local)) {
            connection.createStatement().execute("CREATE TABLE _datastore_schema (model TEXT PRIMARY KEY, layout TEXT)");
            connection.createStatement().execute("CREATE TABLE Post (id TEXT PRIMARY KEY)");
        }
        Map<Path, String> why = Map.of(other, "it is a SQLite database, but not a datastore4j server's (it has 1 table,"
                + " settings)", records, "it is a SQLite database, but not a datastore4j server's (it has 1 table, records)",
                local, "it is the local store of an app (a DataStore's database), not a server's");
        for (Map.Entry<Path, String> file : why.entrySet()) {
            byte[] before = Files.readAllBytes(file.getKey());
            assertThatThrownBy(() -> server().database(file.getKey()).start())
                    .isInstanceOf(ServerStartException.class)
                    .hasMessage("cannot open the server database " + file.getKey() + ": " + file.getValue()
                            + "; the file was left as it is: name a new file for the server database");
            assertThat(Files.readAllBytes(file.getKey())).isEqualTo(before);
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

    /** SQLite follows a symbolic link to the file it names, and so does the lock. */
    @Test
    void aPathThroughASymbolicLinkNamesTheSameDatabase() throws Exception {
        Path file = temp.resolve("server.db");
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("link.db"), file); // to a file not there yet
        try (SyncServer first = server().database(link).start()) {
            for (Path other : List.of(file, Files.createSymbolicLink(temp.resolve("folder-link"), temp).resolve("server.db"))) {
                assertThatThrownBy(() -> server().database(other).start())
                        .as(other.toString())
                        .isInstanceOf(ServerStartException.class)
                        .hasMessageContaining("another server in this process has it open");
            }
            assertThat(first.port()).isPositive();
        }
        assertThat(SqliteRecordStore.lockFileOf(link)).isEqualTo(temp.toRealPath().resolve("server.db-datastore4j.lock"));
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
        // .invalid is a name no resolver knows (RFC 2606)
        assertThatThrownBy(() -> server().host("nowhere.invalid").database(temp.resolve("server.db")).start())
                .isInstanceOf(ServerStartException.class).hasMessage("cannot listen on nowhere.invalid:0: no such host");
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
