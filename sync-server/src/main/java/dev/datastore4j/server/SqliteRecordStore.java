package dev.datastore4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file (WAL), one table of records keyed by (model, key) with an
 * index on (model, lastChangedAt, key) for delta syncs. One connection serves everything under a
 * lock, which also makes the write clock and {@link #syncStart()} trivially consistent.
 */
final class SqliteRecordStore implements RecordStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private long clock;

    SqliteRecordStore(Path file) {
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("CREATE TABLE IF NOT EXISTS records (model TEXT NOT NULL, key TEXT NOT NULL,"
                        + " data TEXT NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,"
                        + " last_changed_at INTEGER NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID");
                statement.execute("CREATE INDEX IF NOT EXISTS records_by_change ON records (model, last_changed_at, key)");
                try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(last_changed_at), 0) FROM records")) {
                    rows.next();
                    clock = rows.getLong(1);
                }
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the server database " + file + ": " + e.getMessage(), e);
        }
    }

    private long tick() {
        clock = Math.max(System.currentTimeMillis(), clock + 1);
        return clock;
    }

    @Override
    public long syncStart() {
        lock.lock();
        try {
            clock = Math.max(System.currentTimeMillis(), clock); // later writes tick past it
            return clock;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            T result = work.run(new Writer() {
                @Override
                public Optional<StoredRecord> get(String model, String key) {
                    return SqliteRecordStore.this.find(model, key);
                }

                @Override
                public StoredRecord put(StoredRecord record) {
                    StoredRecord stamped = new StoredRecord(record.model(), record.key(), record.data(), record.version(),
                            record.deleted(), tick());
                    upsert(stamped);
                    return stamped;
                }
            });
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("write failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the write's own failure is what gets reported
        }
    }

    private void upsert(StoredRecord record) {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO records"
                + " (model, key, data, version, deleted, last_changed_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (model, key) DO UPDATE SET data = excluded.data, version = excluded.version,"
                + " deleted = excluded.deleted, last_changed_at = excluded.last_changed_at")) {
            statement.setString(1, record.model());
            statement.setString(2, record.key());
            statement.setString(3, record.data().toString());
            statement.setInt(4, record.version());
            statement.setInt(5, record.deleted() ? 1 : 0);
            statement.setLong(6, record.lastChangedAt());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + record.model() + " " + record.key(), e);
        }
    }

    @Override
    public Optional<StoredRecord> get(String model, String key) {
        lock.lock();
        try {
            return find(model, key);
        } finally {
            lock.unlock();
        }
    }

    private Optional<StoredRecord> find(String model, String key) {
        List<StoredRecord> found = query("SELECT model, key, data, version, deleted, last_changed_at FROM records"
                + " WHERE model = ? AND key = ?", model, key);
        return found.stream().findFirst();
    }

    @Override
    public List<StoredRecord> scan(String model, String afterKey, int limit) {
        lock.lock();
        try {
            return query("SELECT model, key, data, version, deleted, last_changed_at FROM records"
                    + " WHERE model = ? AND key > ? ORDER BY key LIMIT ?", model, afterKey == null ? "" : afterKey, limit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredRecord> changes(String model, long since, long afterTime, String afterKey, int limit) {
        lock.lock();
        try {
            return query("SELECT model, key, data, version, deleted, last_changed_at FROM records"
                    + " WHERE model = ? AND last_changed_at > ? AND (last_changed_at > ? OR (last_changed_at = ? AND key > ?))"
                    + " ORDER BY last_changed_at, key LIMIT ?", model, since, afterTime, afterTime,
                    afterKey == null ? "" : afterKey, limit);
        } finally {
            lock.unlock();
        }
    }

    private List<StoredRecord> query(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<StoredRecord> records = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    records.add(new StoredRecord(rows.getString(1), rows.getString(2),
                            (ObjectNode) JSON.readTree(rows.getString(3)), rows.getInt(4), rows.getInt(5) != 0, rows.getLong(6)));
                }
            }
            return records;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing left to save
        } finally {
            lock.unlock();
        }
    }
}
