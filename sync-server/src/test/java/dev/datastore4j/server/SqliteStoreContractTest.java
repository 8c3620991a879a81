package dev.datastore4j.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

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
}
