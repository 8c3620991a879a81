package dev.datastore4j.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

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
