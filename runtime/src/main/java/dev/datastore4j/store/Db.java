package dev.datastore4j.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection with a cache of prepared statements, used by one thread at a time, though another
 * may close it meanwhile (the store closing while a read runs), hence the locking. Preparing is a
 * large part of a small write's cost in SQLite, so each distinct SQL text is prepared once per
 * connection. Statements from {@link #prepare} belong to the cache: callers close their result
 * sets, never the statements.
 */
final class Db implements AutoCloseable {
    private static final int CACHED_STATEMENTS = 256;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CACHED_STATEMENTS) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    Db(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    synchronized PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Closes the cached statements. After most errors (a full disk, an I/O error, a corrupt page)
     * the driver finalizes the statement that failed, which then refuses to run again, so a
     * connection forgets its statements after a failure rather than keep a dead one.
     */
    synchronized void forgetStatements() {
        statements.values().forEach(Db::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing: nothing to lose
        }
    }

    @Override
    public synchronized void close() {
        forgetStatements();
        closeQuietly(connection);
    }
}
