package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteStoreContractTest extends StoreContractTest {
    @Override
    RecordStore open() {
        return new SqliteRecordStore(temp.resolve("contract.db"), sink);
    }

    @Override
    RecordStore reopen() {
        return open();
    }

    @Override
    boolean ownsDatabase() {
        return true;
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("contract.db"));
    }

    /** One step, a search of a sorted key's index, and no temporary B-tree to sort in. */
    @Override
    boolean plan(Connection connection, JdbcRecordStore.Query query) throws SQLException {
        List<String> steps = explained(connection, "EXPLAIN QUERY PLAN", query, "detail");
        return steps.size() == 1 && steps.get(0).matches("SEARCH model_Item USING (COVERING )?INDEX key_Item_by_.*");
    }

    /**
     * A write that finds no room fails whole, and the writes after it succeed. SQLite's page limit
     * stands in for a full disk: past it a write fails with {@code SQLITE_FULL}, as on a full
     * disk, and SQLite may end the transaction itself. The driver finalizes the statement that
     * failed, so a store that kept its statements, or its connection, could not write again.
     */
    @Test
    void aWriteThatFindsNoRoomFailsWholeAndTheNextOneSucceeds() {
        store.write(writer -> put(writer, record("first", 1, false)));
        JdbcRecordStore jdbc = (JdbcRecordStore) store;
        jdbc.locked(() -> {
            long pages = jdbc.number("PRAGMA page_count");
            try (Statement statement = jdbc.connection().createStatement()) {
                statement.executeQuery("PRAGMA max_page_count = " + (pages + 2)).close();
            }
            return null;
        });
        announced.clear();

        Throwable failure = catchThrowable(() -> store.write(writer -> {
            put(writer, record("small", 1, false));
            ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", "large").put("body", "x".repeat(20_000));
            return put(writer, new StoredRecord("Post", "[\"large\"]", data, 1, false, 0)); // more than two pages
        }));
        assertThat(failure).as("the write that found no room").isNotNull();
        assertThat(store.get("Post", "[\"small\"]")).as("the first record of the failed write").isEmpty();
        assertThat(store.get("Post", "[\"large\"]")).isEmpty();

        StoredRecord after = store.write(writer -> put(writer, record("after", 1, false)));
        assertThat(store.get("Post", "[\"after\"]")).contains(after);
        assertThat(store.get("Post", "[\"first\"]")).isPresent();
        assertThat(announced).containsExactly("CREATE Post [\"after\"] v1");
    }

    /**
     * A WAL that grew while a reader kept it from starting over is cut back once it can start over,
     * instead of keeping its size on disk until the server stops.
     */
    @Test
    void aWalGrownWhileAReaderHeldItIsCutBackOnceItStartsOver() throws Exception {
        Path wal = Path.of(temp.resolve("contract.db") + "-wal");
        String body = "x".repeat(1 << 20);
        try (Connection reader = connect(); Statement statement = reader.createStatement()) {
            statement.execute("BEGIN");
            statement.executeQuery("SELECT count(*) FROM sqlite_master").close(); // holds a snapshot of the WAL
            for (int i = 0; i < 48; i++) {
                String id = "large" + i;
                ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", id).put("body", body);
                store.write(writer -> put(writer, new StoredRecord("Post", "[\"" + id + "\"]", data, 1, false, 0)));
            }
            assertThat(Files.size(wal)).as("WAL bytes while the reader holds it").isGreaterThan(SqliteRecordStore.WAL_SIZE_LIMIT);
            statement.execute("COMMIT");
        }
        for (int i = 0; i < 10 && Files.size(wal) > SqliteRecordStore.WAL_SIZE_LIMIT; i++) {
            StoredRecord after = record("after" + i, 1, false);
            store.write(writer -> put(writer, after));
        }
        assertThat(Files.size(wal)).as("WAL bytes once it started over").isLessThanOrEqualTo(SqliteRecordStore.WAL_SIZE_LIMIT);
        assertThat(store.get("Post", "[\"large47\"]")).isPresent();
    }
}
