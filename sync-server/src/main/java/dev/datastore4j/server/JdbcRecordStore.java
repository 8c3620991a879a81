package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.datastore4j.codegen.schema.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A record store over JDBC: a table per model ({@link #addModels}) of records keyed by their
 * key, with an index on (lastChangedAt, key) for delta syncs and one per key that reads by key go
 * through ({@link #indexSorted}). One connection writes; reads (get, list and sync pages) take a
 * connection from a pool and see committed data, so they never wait for a write. SQLite and
 * PostgreSQL differ only in how they open, how the write clock is kept, how a key field's values
 * are indexed and how other nodes hear of changes.
 *
 * <p>Writes are committed in groups: a writer thread takes every write queued while the last
 * commit ran and runs them in one transaction, each in a savepoint so that one rejected
 * mutation (a conflict, a failed condition) undoes only itself. A write returns after its commit.
 */
abstract class JdbcRecordStore implements RecordStore {
    /**
     * The layout of the database (its tables, and how records are kept in them), under {@code
     * format} in {@code settings}: 1 was one table of every model's records ({@code records}),
     * which {@link #addModels} moves records out of; 2 is a table per model. A version of
     * datastore4j that lays the database out another way raises it, and this one refuses to start
     * on a database of a higher format rather than misread it (a server rolled back to an older
     * version, or an older node beside newer ones on PostgreSQL). Databases from before it was
     * kept have no such setting.
     */
    static final int FORMAT = 2;
    private static final ObjectMapper JSON = ProtocolJson.JSON;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_GROUP = 256;
    /** Rows a driver that would read a result whole fetches at a time for a read bounded by size. */
    private static final int STREAMED_ROWS = 16;

    private record Pending<T>(Work<T> work, CompletableFuture<T> result) {}

    private record ModelKey(String model, SortedKey key) {}

    /** The write connection: used under {@link #lock} only, and opened again when it is lost. */
    private Connection connection;
    private final HikariDataSource readers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    /** The index of every sorted key made with {@link #indexSorted}. */
    private final Map<ModelKey, String> sortedIndexes = new ConcurrentHashMap<>();
    /** The models passed to {@link #addModels}, each with a table of its own. */
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private Thread writerThread;
    private volatile boolean closed;

    /** {@code connection} writes; {@code readers} is a pool of connections to the same database, for reads. */
    protected JdbcRecordStore(Connection connection, HikariDataSource readers) {
        this.connection = connection;
        this.readers = readers;
    }

    /**
     * A read pool of up to {@code size} connections to {@code jdbcUrl}, named for thread dumps and
     * logs, each set up with {@code initSql} (null: nothing).
     */
    protected static HikariDataSource readPool(String jdbcUrl, int size, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setConnectionInitSql(initSql);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("datastore4j-readers");
        return new HikariDataSource(config);
    }

    @Override
    public Load load() {
        var pool = readers.getHikariPoolMXBean();
        return new Load(queue.size(), pool.getActiveConnections(), pool.getThreadsAwaitingConnection());
    }

    /** Creates the tables (if missing) and starts the writer; subclasses call it last in their constructors. */
    protected final void start(String... ddl) throws SQLException {
        changeSchema(List.of(ddl));
        connection.setAutoCommit(false);
        writerThread = new Thread(this::writeLoop, "datastore4j-server-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /** The {@code _lastChangedAt} of the next write, inside the write transaction: later than every earlier one. */
    protected abstract long tick() throws SQLException;

    /** A sync's {@code startedAt}; every write that has not committed by then gets a later time. */
    protected abstract long clockForSync() throws SQLException;

    /** Called first in every write transaction, before any of its reads. */
    protected void beginWrite() throws SQLException {
    }

    /** A record a write stored, and the kind of change subscribers hear of. */
    protected record Change(Changes.Kind kind, StoredRecord record) {}

    /** Called inside the write transaction for every record written. */
    protected void written(Change change) throws SQLException {
    }

    /**
     * Called on the writer thread after each commit, under the write lock, with what it wrote, in
     * order: the commits' order, since one thread commits them all. Not called for a commit that
     * wrote nothing.
     */
    protected void committed(List<Change> changes) {
    }

    protected final <T> T locked(Callable<T> work) {
        lock.lock();
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof SQLException) {
                recover();
            }
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The write connection (under the write lock, or in a write). */
    protected final Connection connection() {
        return connection;
    }

    /**
     * A new write connection to the same database, set up as the first was, for when something
     * went wrong with that one (see {@link #recover}); null when the store cannot open one.
     */
    protected Connection reopen() throws SQLException {
        return null;
    }

    /**
     * After a database error on the write connection, under the write lock: replaces the
     * connection with a new one, so that the next write can succeed. What the error left is not
     * worth guessing at: the connection may be lost (the database restarted, the network failed);
     * SQLite ends a transaction itself on a full disk or an I/O error, after which the driver's
     * rollback leaves the connection writing one statement a transaction; and the driver
     * finalizes a statement that failed, which then never runs again. When no new connection can
     * be opened, the old one stays, without its prepared statements, and the next failure tries
     * again.
     */
    private void recover() {
        rollback();
        Connection fresh;
        try {
            fresh = reopen();
            if (fresh != null) {
                fresh.setAutoCommit(false);
            }
        } catch (SQLException | RuntimeException e) {
            fresh = null; // still away
        }
        if (fresh == null) {
            forgetStatements();
            return;
        }
        closeWriter();
        connection = fresh;
        System.getLogger(JdbcRecordStore.class.getName()).log(System.Logger.Level.WARNING,
                "a write failed on the database; the write connection was replaced by a new one");
    }

    /** Closes the prepared statements; a later {@link #prepare} prepares them again. */
    private void forgetStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // a lost connection: closing only frees what is left of it
            }
        }
        statements.clear();
    }

    /** Closes the write connection and its statements, which may already be gone. */
    private void closeWriter() {
        forgetStatements();
        closeQuietly(connection);
    }

    /** Closes {@code connection}, which may already be lost. */
    protected static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a lost connection: closing only frees what is left of it
        }
    }

    protected final PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    @Override
    public int purgeTombstones(long olderThan) {
        return write(writer -> {
            try {
                int purged = 0;
                for (String model : models) {
                    PreparedStatement delete = prepare("DELETE FROM " + table(model) + " WHERE deleted = 1 AND last_changed_at < ?");
                    delete.setLong(1, olderThan);
                    purged += delete.executeUpdate();
                }
                purgedTombstones(olderThan);
                return purged;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot purge tombstones: " + e.getMessage(), e);
            }
        });
    }

    /** Called in the transaction that purges tombstones older than {@code olderThan}, for what a store keeps beside them. */
    protected void purgedTombstones(long olderThan) throws SQLException {
    }

    @Override
    public long syncStart() {
        return locked(this::clockForSync);
    }

    @Override
    public <T> T write(Work<T> work) {
        Pending<T> pending = new Pending<>(work, new CompletableFuture<>());
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        queue.add(pending);
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void writeLoop() {
        List<Pending<?>> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            lock.lock();
            try {
                runGroup(group);
            } catch (RuntimeException | Error e) { // this thread does every write: it must not end, nor leave callers waiting
                rollback();
                group.forEach(pending -> pending.result().completeExceptionally(e));
            } finally {
                lock.unlock();
                group.clear();
            }
        }
    }

    private void runGroup(List<Pending<?>> group) {
        List<Object> results = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        Writer writer = new Writer() {
            @Override
            public Optional<StoredRecord> get(String model, String key) {
                return find(model, key);
            }

            @Override
            public StoredRecord put(StoredRecord record, Changes.Kind kind) {
                try {
                    StoredRecord stamped = new StoredRecord(record.model(), record.key(), record.data(), record.version(),
                            record.deleted(), tick());
                    upsert(stamped);
                    Change change = new Change(kind, stamped);
                    written(change);
                    changes.add(change);
                    return stamped;
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot store " + record.model() + " " + record.key(), e);
                }
            }
        };
        try {
            beginWrite();
            for (Pending<?> pending : group) {
                prepare("SAVEPOINT w").execute();
                int changed = changes.size();
                try {
                    results.add(pending.work().run(writer));
                    failures.add(null);
                    prepare("RELEASE w").execute();
                } catch (RuntimeException | Error e) { // an Error too: this thread does every write, and must go on
                    if (e.getCause() instanceof SQLException) {
                        forgetStatements(); // the one that failed may be finalized (see recover)
                    }
                    prepare("ROLLBACK TO w").execute();
                    prepare("RELEASE w").execute();
                    changes.subList(changed, changes.size()).clear(); // undone with it
                    results.add(null);
                    failures.add(e);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            recover();
            IllegalStateException failure = new IllegalStateException("write failed: " + e.getMessage(), e);
            group.forEach(pending -> pending.result().completeExceptionally(failure));
            return;
        }
        if (!changes.isEmpty()) {
            try {
                committed(changes); // before the answers, so a change is on its way to subscribers by then
            } catch (RuntimeException e) { // the writes stand, and their callers must hear so
                System.getLogger(JdbcRecordStore.class.getName()).log(System.Logger.Level.WARNING,
                        "committed changes could not be announced to subscribers", e);
            }
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i), failures.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result, Throwable failure) {
        if (failure != null) {
            pending.result().completeExceptionally(failure);
        } else {
            pending.result().complete((T) result);
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
        try {
            PreparedStatement statement = prepare("INSERT INTO " + table(record.model())
                    + " (key, data, version, deleted, last_changed_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET data = excluded.data, version = excluded.version,"
                    + " deleted = excluded.deleted, last_changed_at = excluded.last_changed_at");
            statement.setString(1, record.key());
            statement.setString(2, record.data().toString());
            statement.setInt(3, record.version());
            statement.setInt(4, record.deleted() ? 1 : 0);
            statement.setLong(5, record.lastChangedAt());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + record.model() + " " + record.key(), e);
        }
    }

    /** The columns of a record, as {@link #rows} reads them, from {@code model}'s table. */
    private String select(String model) {
        return "SELECT key, data, version, deleted, last_changed_at FROM " + table(model);
    }

    @Override
    public Optional<StoredRecord> get(String model, String key) {
        return read(model, Long.MAX_VALUE, select(model) + " WHERE key = ?", key).records().stream().findFirst();
    }

    /** The record as the write transaction sees it. */
    private Optional<StoredRecord> find(String model, String key) {
        try {
            return rows(model, prepare(select(model) + " WHERE key = ?"), Long.MAX_VALUE, key).records().stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Batch scan(String model, String afterKey, int limit, long maxBytes) {
        return read(model, maxBytes, select(model) + " WHERE key > ? ORDER BY key LIMIT ?", afterKey == null ? "" : afterKey, limit)
                .batch(limit);
    }

    /**
     * Read as the key's index holds the records, in one range scan of it per sort column at most.
     * After a position (v1, v2, ..., key) come, in this order: records with v1, v2, ... and a later
     * key; then those with v1, v2, ... and a later last sort value; and so on up to those with a
     * later first sort value. Each of those is an equality on the leading index columns and a range
     * on the next, which both SQLite and PostgreSQL read straight from the index in order (a row
     * value comparison over expression columns is one that SQLite does not).
     */
    @Override
    public Batch scanSorted(String model, SortedScan scan, Position after, int limit, long maxBytes) {
        List<StoredRecord> records = new ArrayList<>();
        long bytes = 0;
        for (Query query : sortedQueries(model, scan, after)) {
            if (records.size() == limit) {
                break;
            }
            List<Object> parameters = new ArrayList<>(query.parameters());
            parameters.add(limit - records.size());
            Rows rows = read(model, maxBytes - bytes, query.sql() + " LIMIT ?", parameters.toArray());
            records.addAll(rows.records());
            bytes += rows.bytes();
            if (rows.cut()) {
                return new Batch(records, true);
            }
        }
        return new Batch(records, records.size() == limit);
    }

    /** A statement and its parameters. */
    record Query(String sql, List<Object> parameters) {}

    /**
     * The queries {@link #scanSorted} runs one after the other, each but the first only while the
     * page is not full (no limit yet: the page's remaining room is added).
     */
    List<Query> sortedQueries(String model, SortedScan scan, Position after) {
        List<KeyField> fields = scan.key().fields();
        int fixed = scan.equal().size();
        List<String> columns = new ArrayList<>(); // the sort columns, then the record key
        List<Object> values = new ArrayList<>(); // the position's values of them
        for (int i = fixed; i < fields.size(); i++) {
            columns.add(keyColumn(fields.get(i)));
            values.add(after == null ? null : keyValue(fields.get(i), after.values().get(i - fixed)));
        }
        columns.add("key");
        values.add(after == null ? null : after.key());
        if (after == null) {
            return List.of(sortedRange(model, scan, columns, values, 0));
        }
        List<Query> queries = new ArrayList<>();
        for (int level = columns.size() - 1; level >= 0; level--) {
            queries.add(sortedRange(model, scan, columns, values, level));
        }
        return queries;
    }

    /**
     * Records that {@code scan} selects with the position's {@code values} in the columns before
     * {@code level}, and past the position in column {@code level} (every record when the
     * position is null), ordered by the columns from {@code level} on.
     */
    private Query sortedRange(String model, SortedScan scan, List<String> columns, List<Object> values, int level) {
        List<KeyField> fields = scan.key().fields();
        String index = sortedIndexes.get(new ModelKey(model, scan.key()));
        StringBuilder sql = new StringBuilder(select(model)).append(index == null ? "" : useIndex(index)).append(" WHERE true");
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < scan.equal().size(); i++) {
            sql.append(" AND ").append(keyColumn(fields.get(i))).append(" = ?");
            parameters.add(keyValue(fields.get(i), scan.equal().get(i)));
        }
        if (scan.from() != null) {
            sql.append(" AND ").append(columns.get(0)).append(" >= ?");
            parameters.add(keyValue(fields.get(scan.equal().size()), scan.from()));
        }
        if (scan.to() != null) {
            sql.append(" AND ").append(columns.get(0)).append(" <= ?");
            parameters.add(keyValue(fields.get(scan.equal().size()), scan.to()));
        }
        for (int i = 0; i < level; i++) {
            sql.append(" AND ").append(columns.get(i)).append(" = ?");
            parameters.add(values.get(i));
        }
        if (values.get(level) != null) {
            sql.append(" AND ").append(columns.get(level)).append(scan.descending() ? " < ?" : " > ?");
            parameters.add(values.get(level));
        }
        String direction = scan.descending() ? " DESC" : "";
        sql.append(" ORDER BY ").append(String.join(direction + ", ", columns.subList(level, columns.size()))).append(direction);
        return new Query(sql.toString(), parameters);
    }

    /** One transaction: on SQLite with every commit synced, 750 indexes made one by one took 8 s longer to start. */
    @Override
    public void indexSorted(Map<String, ? extends Collection<SortedKey>> keys) {
        Map<ModelKey, String> names = new LinkedHashMap<>();
        List<String> ddl = new ArrayList<>();
        keys.forEach((model, modelKeys) -> modelKeys.forEach(key -> {
            List<String> fields = key.fields().stream().map(KeyField::name).toList();
            String columns = String.join(", ", key.fields().stream().map(field -> "(" + keyColumn(field) + ")").toList());
            String index = indexName(name(model) + "_by_" + String.join("_", fields), model + ": " + columns);
            ddl.add("CREATE INDEX IF NOT EXISTS " + index + " ON " + table(model) + " (" + columns + ", key)");
            names.put(new ModelKey(model, key), index);
        }));
        locked(() -> {
            changeSchema(ddl);
            return null;
        });
        sortedIndexes.putAll(names);
    }

    @Override
    public UnusedIndexes retireUnusedIndexes() {
        return locked(() -> {
            Set<String> used = new HashSet<>();
            sortedIndexes.values().forEach(index -> used.add(index.toLowerCase(Locale.ROOT)));
            List<String> unused = new ArrayList<>();
            for (String index : names(listIndexes())) {
                String name = index.toLowerCase(Locale.ROOT); // PostgreSQL folds unquoted names
                boolean keyIndex = name.startsWith("key_") || name.startsWith("records_"); // records_: earlier versions'
                if (keyIndex && !used.contains(name) && !KEPT_INDEXES.contains(name)) {
                    unused.add(index);
                }
            }
            boolean drop = dropsUnusedIndexes() && !unused.isEmpty();
            if (drop) {
                changeSchema(unused.stream().map(index -> "DROP INDEX IF EXISTS " + index).toList());
            }
            return new UnusedIndexes(unused, drop);
        });
    }

    @Override
    public void retainServed(Collection<String> servedModels, Map<String, ? extends Collection<SortedKey>> keys) {
        locked(() -> {
            models.retainAll(Set.copyOf(servedModels));
            sortedIndexes.keySet().removeIf(scanned -> {
                Collection<SortedKey> served = keys.get(scanned.model());
                return served == null || !served.contains(scanned.key());
            });
            return null;
        });
    }

    @Override
    public Map<String, Long> unservedModels() {
        return locked(() -> {
            Set<String> served = new HashSet<>();
            models.forEach(model -> served.add(("model_" + model).toLowerCase(Locale.ROOT))); // PostgreSQL folds unquoted names
            Map<String, Long> unserved = new TreeMap<>();
            for (String table : names(listModelTables())) {
                String model = table.substring("model_".length());
                if (!served.contains(table.toLowerCase(Locale.ROOT)) && Names.isGraphQlName(model)) {
                    long live = number("SELECT count(*) FROM (SELECT 1 FROM " + table + " WHERE deleted = 0 LIMIT "
                            + UNSERVED_COUNTED + ") AS live");
                    if (live > 0) {
                        unserved.put(model, live);
                    }
                }
            }
            return unserved;
        });
    }

    /** A query for the names of the tables of models' records ({@code model_<name>}). */
    protected abstract String listModelTables();

    /** The indexes of the earlier versions' one table that are not a key's: its primary key (PostgreSQL names it) and the one delta syncs read. */
    private static final Set<String> KEPT_INDEXES = Set.of("records_pkey", "records_by_change");

    /** The names a query of the catalog ({@link #listIndexes}, {@link #listModelTables}) gives. */
    private List<String> names(String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        connection.commit(); // the read's transaction
        return names;
    }

    /** A query for the names of the indexes on the tables of records: those of models, and the earlier versions' one. */
    protected abstract String listIndexes();

    /** Whether {@link #retireUnusedIndexes} drops what it finds: when one process owns the database. */
    protected abstract boolean dropsUnusedIndexes();

    /**
     * The table of {@code model}'s records. Each model has its own, so that a write maintains only
     * its own model's key indexes: SQLite opens a cursor on every index of a table for each row it
     * writes, and with every model's indexes on one table a schema of 500 models wrote 20 times
     * slower than one of three (docs/benchmarks.md). A GraphQL name, so safe inside SQL.
     */
    private String table(String model) {
        if (!models.contains(model)) {
            throw new IllegalArgumentException("no table for model " + model + " (not passed to addModels)");
        }
        return "model_" + name(model);
    }

    /**
     * Creates the tables of {@code names} (if missing) and moves their records out of the one
     * table that earlier versions kept every model's records in, in one transaction; that table
     * is dropped after, once it is empty.
     */
    @Override
    public void addModels(Collection<String> names) {
        locked(() -> schemaLocked(() -> {
            runSchemaStatements(List.of("CREATE TABLE IF NOT EXISTS settings (name text PRIMARY KEY, value text NOT NULL)"));
            long format = number("SELECT coalesce(max(CAST(value AS integer)), 0) FROM settings WHERE name = 'format'");
            if (format > FORMAT) {
                throw new ServerStartException("the database was written by a newer version of datastore4j (database format "
                        + format + "; this version serves format " + FORMAT + " and older): start that version or a later one;"
                        + " the database was left as it is", null);
            }
            List<String> ddl = new ArrayList<>();
            ddl.add("CREATE TABLE IF NOT EXISTS checked_fields (model text PRIMARY KEY, fields text NOT NULL)");
            for (String model : names) {
                String table = "model_" + name(model);
                ddl.add(createTable(table));
                ddl.add("CREATE INDEX IF NOT EXISTS changes_" + name(model) + " ON " + table + " (last_changed_at, key)");
            }
            boolean earlier;
            try (Statement statement = connection.createStatement()) {
                earlier = earlierRecordsTable(statement, columnNames("records"));
                connection.commit();
            }
            if (earlier) {
                for (String model : names) {
                    String literal = "'" + name(model) + "'";
                    ddl.add("INSERT INTO model_" + name(model) + " (key, data, version, deleted, last_changed_at)"
                            + " SELECT key, data, version, deleted, last_changed_at FROM records WHERE model = " + literal
                            + " ON CONFLICT (key) DO NOTHING");
                    ddl.add("DELETE FROM records WHERE model = " + literal);
                }
            }
            if (format < FORMAT) {
                ddl.add("INSERT INTO settings (name, value) VALUES ('format', '" + FORMAT + "')"
                        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value");
            }
            changeSchema(ddl);
            if (earlier && number("SELECT count(*) FROM records") == 0) {
                changeSchema(List.of("DROP TABLE records"));
            }
            models.addAll(names);
            modelsAdded(names.stream().map(this::table).toList());
            return null;
        }));
    }

    @Override
    public byte[] tokenKey() {
        return locked(() -> {
            byte[] made = new byte[32];
            RANDOM.nextBytes(made);
            // a server starting beside another on the same database takes the key that one made
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO settings (name, value)"
                    + " VALUES ('token_key', ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, Base64.getEncoder().encodeToString(made));
                insert.executeUpdate();
            }
            String key;
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT value FROM settings WHERE name = 'token_key'")) {
                rows.next();
                key = rows.getString(1);
            }
            connection.commit();
            return Base64.getDecoder().decode(key);
        });
    }

    @Override
    public Map<String, Set<String>> checkedFields() {
        return locked(() -> {
            Map<String, Set<String>> checked = new HashMap<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT model, fields FROM checked_fields")) {
                while (rows.next()) {
                    String fields = rows.getString(2);
                    checked.put(rows.getString(1), fields.isEmpty() ? Set.of() : new TreeSet<>(List.of(fields.split(","))));
                }
            }
            connection.commit();
            return checked;
        });
    }

    @Override
    public void fieldsChecked(Map<String, Set<String>> fieldsByModel) {
        locked(() -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO checked_fields (model, fields)"
                    + " VALUES (?, ?) ON CONFLICT (model) DO UPDATE SET fields = excluded.fields")) {
                for (Map.Entry<String, Set<String>> entry : fieldsByModel.entrySet()) {
                    upsert.setString(1, entry.getKey());
                    upsert.setString(2, String.join(",", new TreeSet<>(entry.getValue()))); // GraphQL names: no commas
                    upsert.executeUpdate();
                }
            }
            connection.commit();
            return null;
        });
    }

    /** The one number {@code sql} selects, read on the write connection (whose read transaction it ends). */
    protected final long number(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            long count = rows.getLong(1);
            connection.commit();
            return count;
        }
    }

    /** Whether {@code model} was passed to {@link #addModels}. */
    protected final boolean hasModel(String model) {
        return models.contains(model);
    }

    /** {@code CREATE TABLE IF NOT EXISTS table} with the columns of a record, keyed by its key. */
    protected abstract String createTable(String table);

    /** A query for the names of the columns of the table named {@code table}: none when there is no such table. */
    protected abstract String columnNames(String table);

    /**
     * Whether the table named {@code records} is the one earlier versions kept every model's
     * records in, by the columns the query {@code columnNames} lists (see {@link #columnNames}): a
     * table of that common name in another program's database must not have its rows moved, nor
     * be dropped once it is empty.
     */
    static boolean earlierRecordsTable(Statement statement, String columnNames) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (ResultSet rows = statement.executeQuery(columnNames)) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns.equals(Set.of("model", "key", "data", "version", "deleted", "last_changed_at"));
    }

    /** Called with the tables of newly added models, before any write to them. */
    protected void modelsAdded(List<String> tables) throws SQLException {
    }

    /**
     * {@code key_} and {@code readable}, cut to fit PostgreSQL's 63-byte names, then a hash of
     * {@code exact}, so that names cut alike (or joined alike, {@code a_b} + {@code c} against
     * {@code a} + {@code b_c}) stay apart, and an index of other expressions (a key field whose
     * type the schema changed) gets a name of its own instead of being taken for the old one.
     */
    private static String indexName(String readable, String exact) {
        String hash;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(exact.getBytes(StandardCharsets.UTF_8));
            hash = HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
        return "key_" + readable.substring(0, Math.min(readable.length(), 45)) + "_" + hash;
    }

    /**
     * What follows {@code FROM} a model's table to read through {@code index}; nothing where the
     * planner finds it alone. (Without statistics SQLite prefers a range of the primary key for
     * the records after a position with the same sort values: the whole rest of the table.)
     */
    protected String useIndex(String index) {
        return "";
    }

    /**
     * The SQL expression a key field of a record is indexed, compared and sorted by, in the order
     * of {@link KeyField#type()}. Never null: a record without a value gets one below every value,
     * so that it sorts first and a position on it compares with {@code =} and {@code >} as any
     * other does.
     */
    protected abstract String keyColumn(KeyField field);

    /** The parameter to compare with {@link #keyColumn}: {@code value} (a JSON null when missing) as it would hold it. */
    protected abstract Object keyValue(KeyField field, JsonNode value);

    /**
     * Runs {@code work} while no other process sharing the database changes its schema; nodes
     * starting together take turns. Nothing to do where one process owns the database.
     */
    protected <T> T schemaLocked(SqlWork<T> work) throws SQLException {
        return work.run();
    }

    /** Work on the database. */
    @FunctionalInterface
    protected interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs schema statements (each idempotent) on the write connection and commits them, in {@link #schemaLocked}. */
    protected final void changeSchema(List<String> ddl) throws SQLException {
        schemaLocked(() -> {
            runSchemaStatements(ddl);
            return null;
        });
    }

    private void runSchemaStatements(List<String> ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** The SQL expression for a record's top-level field as text; {@code field} is a checked GraphQL name. */
    protected abstract String fieldText(String field);

    /** {@code name}, once it is known to be a GraphQL name and so safe inside SQL. */
    private static String name(String name) {
        if (!Names.isGraphQlName(name)) {
            throw new IllegalArgumentException("not a GraphQL name: " + name);
        }
        return name;
    }

    @Override
    public Batch changes(String model, long since, long afterTime, String afterKey, int limit, long maxBytes) {
        return read(model, maxBytes, select(model) + " WHERE last_changed_at > ? AND (last_changed_at > ? OR (last_changed_at = ?"
                + " AND key > ?)) ORDER BY last_changed_at, key LIMIT ?", since, afterTime, afterTime,
                afterKey == null ? "" : afterKey, limit).batch(limit);
    }

    @Override
    public void ping() {
        onReader(reader -> {
            try (Statement statement = reader.createStatement()) {
                statement.executeQuery("SELECT 1").close();
            }
            return null;
        });
    }

    /**
     * Records a statement read, {@code bytes} of JSON text in all, and whether reading stopped at
     * the bytes asked for (rows may be left unread).
     */
    private record Rows(List<StoredRecord> records, long bytes, boolean cut) {
        /** The records of a read of at most {@code limit} as a {@link Batch}: more may follow a cut read or a full one. */
        Batch batch(int limit) {
            return new Batch(records, cut || records.size() == limit);
        }
    }

    /**
     * Runs a query of {@code model}'s records on a pooled read connection, reading rows until they
     * come to {@code maxBytes}. A driver that reads a result whole before handing out its first row
     * (PostgreSQL's, outside a transaction) is made to fetch it a few rows at a time.
     */
    private Rows read(String model, long maxBytes, String sql, Object... parameters) {
        return onReader(reader -> {
            boolean stream = maxBytes < Long.MAX_VALUE && fetchesWholeResultsOutsideTransactions();
            if (stream) {
                reader.setAutoCommit(false);
            }
            try (PreparedStatement statement = reader.prepareStatement(sql)) {
                if (stream) {
                    statement.setFetchSize(STREAMED_ROWS);
                }
                return rows(model, statement, maxBytes, parameters);
            } finally {
                if (stream) {
                    reader.rollback();
                    reader.setAutoCommit(true);
                }
            }
        });
    }

    /** Whether the driver reads every row of a result before the first is read, unless in a transaction with a fetch size. */
    protected boolean fetchesWholeResultsOutsideTransactions() {
        return false;
    }

    /** Work on a read connection. */
    private interface ReadWork<T> {
        T run(Connection reader) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled read connection. Work that finds its connection lost (the
     * database restarted, say) runs once more, on a new connection: the pool's other connections
     * were opened before the loss as well, so they are all let go. (The pool checks a connection
     * before lending it only when it has been idle for a while.)
     */
    private <T> T onReader(ReadWork<T> work) {
        try {
            return onReaderOnce(work);
        } catch (SQLException e) {
            if (!connectionLost(e)) {
                throw new IllegalStateException("query failed: " + e.getMessage(), e);
            }
            readers.getHikariPoolMXBean().softEvictConnections();
            try {
                return onReaderOnce(work);
            } catch (SQLException again) {
                throw new IllegalStateException("query failed: " + again.getMessage(), again);
            }
        }
    }

    private <T> T onReaderOnce(ReadWork<T> work) throws SQLException {
        try (Connection reader = readers.getConnection()) {
            return work.run(reader);
        }
    }

    /** Whether {@code e} says the connection is gone (SQL state class 08, or PostgreSQL's 57P01-57P03). */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    /**
     * The records of {@code model} that {@code statement}, selecting the columns of {@link #select},
     * reads, until their JSON text comes to {@code maxBytes}.
     */
    private static Rows rows(String model, PreparedStatement statement, long maxBytes, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        List<StoredRecord> records = new ArrayList<>();
        long bytes = 0;
        try (ResultSet rows = statement.executeQuery()) {
            while (bytes < maxBytes && rows.next()) {
                String data = rows.getString(2);
                bytes += data.length();
                try {
                    records.add(new StoredRecord(model, rows.getString(1), (ObjectNode) JSON.readTree(data),
                            rows.getInt(3), rows.getInt(4) != 0, rows.getLong(5)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new Rows(records, bytes, bytes >= maxBytes);
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (writerThread != null) { // null when opening failed before start()
                writerThread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            closeWriter();
            readers.close();
        } finally {
            lock.unlock();
        }
    }
}
