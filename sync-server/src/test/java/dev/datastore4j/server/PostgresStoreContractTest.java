package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresStoreContractTest extends StoreContractTest {
    private String url;

    @Override
    RecordStore open() {
        url = PostgresFixture.newDatabase();
        return new PostgresRecordStore(url, sink);
    }

    @Override
    RecordStore reopen() {
        return new PostgresRecordStore(url, sink);
    }

    /** A change too large for a notification goes through the notices table, which is purged with the tombstones. */
    @Test
    void aLargeChangeIsAnnouncedThroughANoticePurgedWithTheTombstones() throws Exception {
        ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", "big")
                .put("title", "x".repeat(PostgresRecordStore.MAX_PAYLOAD_BYTES));
        store.write(writer -> put(writer, new StoredRecord("Post", "[\"big\"]", data, 1, false, 0)));
        assertThat(announced.poll(10, TimeUnit.SECONDS)).isEqualTo("CREATE Post [\"big\"] v1");
        assertThat(notices()).isEqualTo(1);
        store.purgeTombstones(System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(1));
        assertThat(notices()).as("kept for ten minutes").isEqualTo(1);
        store.purgeTombstones(Long.MAX_VALUE);
        assertThat(notices()).isZero();
    }

    /**
     * A change whose key is too long to go in its notification, even beside the notice's number
     * (a key of control characters, each written as a six-byte escape), is announced all the same.
     * The notification failed, and the write with it.
     */
    @Test
    void aChangeWithAKeyTooLongForANotificationIsAnnounced() throws Exception {
        String id = "\u0001".repeat(2048);
        String key = ProtocolJson.JSON.createArrayNode().add(id).toString();
        ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", id);
        store.write(writer -> put(writer, new StoredRecord("Post", key, data, 1, false, 0)));
        assertThat(announced.poll(10, TimeUnit.SECONDS)).isEqualTo("CREATE Post " + key + " v1");
        assertThat(store.get("Post", key)).isPresent();
    }

    private int notices() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM datastore4j_notices")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Override
    boolean ownsDatabase() {
        return false;
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /**
     * An index scan of a sorted key's index and no sort. The test's few rows would be read
     * faster without any index or order, so sequential and bitmap scans and sorts are ruled out
     * first (a sort still shows where nothing else gives the order): what is checked is that the
     * index can give the order, as it must for a large partition.
     */
    @Override
    boolean plan(Connection connection, JdbcRecordStore.Query query) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET enable_seqscan = off");
            settings.execute("SET enable_bitmapscan = off");
            settings.execute("SET enable_sort = off");
        }
        List<String> lines = explained(connection, "EXPLAIN", query, "QUERY PLAN");
        return lines.stream().anyMatch(line -> line.matches(".*Index Scan( Backward)? using key_item_by_.*"))
                && lines.stream().noneMatch(line -> line.matches(".*(Sort|Bitmap).*"));
    }
}
