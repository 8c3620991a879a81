package dev.datastore4j.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

class SqliteStoreContractTest extends StoreContractTest {
    @Override
    RecordStore open() {
        return new SqliteRecordStore(temp.resolve("contract.db"));
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("contract.db"));
    }

    /** One step, a search of a sorted key's index, and no temporary B-tree to sort in. */
    @Override
    boolean plan(Connection connection, JdbcRecordStore.Query query) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + query.sql() + " LIMIT ?")) {
            for (int i = 0; i < query.parameters().size(); i++) {
                explain.setObject(i + 1, query.parameters().get(i));
            }
            explain.setInt(query.parameters().size() + 1, 10);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
        }
        return steps.size() == 1 && steps.get(0).matches("SEARCH records USING (COVERING )?INDEX records_Item_by_.*");
    }
}
