package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The embedded store: one SQLite file (WAL). One server owns it, so the write clock lives in
 * memory, seeded from the newest stored change; a second server on the file would keep a clock of
 * its own, and changes through one would reach neither the other's subscribers nor, with clocks
 * out of step, its delta syncs. So a lock on a file beside the database ({@code
 * <file>-datastore4j.lock}) keeps any other server, in this process or another, from opening it
 * (several nodes need PostgreSQL). Commits are synced to disk before a mutation is answered
 * ({@code synchronous=FULL}): a client drops its outbox entry once the server accepts it, so an
 * accepted write must survive a power cut. Group commit shares each sync among every mutation
 * waiting for it. The thread that commits hands each commit's changes to the {@link ChangeSink}
 * then and there, so the sink hears of them in commit order.
 */
final class SqliteRecordStore extends JdbcRecordStore {
    /**
     * The size the WAL file is cut back to when it starts over. SQLite writes over its WAL rather
     * than shrinking it, so a WAL grown while readers kept it from starting over (clients syncing
     * without pause while others write), or by a large transaction, would otherwise keep its size
     * on disk until the server stops.
     */
    static final long WAL_SIZE_LIMIT = 32L << 20;

    private final Path file;
    private final FileChannel owner;
    private final ChangeSink sink;
    private long clock;

    /** A store whose changes nobody hears of (a tool's, a test's). */
    SqliteRecordStore(Path file) {
        this(file, ChangeSink.NONE);
    }

    SqliteRecordStore(Path file, ChangeSink sink) {
        this(file, owned(file), sink);
    }

    private SqliteRecordStore(Path file, FileChannel owner, ChangeSink sink) {
        super(openOrRelease(file, owner), readPool(url(file), 4, null));
        this.file = file;
        this.owner = owner;
        this.sink = sink;
        try {
            start();
        } catch (SQLException e) {
            close();
            throw cannotOpen(file, e.getMessage(), e);
        }
    }

    /** Checks {@code file} can be a database and takes its lock file, or says why not. */
    private static FileChannel owned(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw cannotOpen(file, "folder " + parent + " does not exist", null);
        }
        if (Files.isDirectory(file)) {
            throw cannotOpen(file, "it is a folder; name a database file in it", null);
        }
        Path lockFile = lockFileOf(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotOpen(file, "cannot create its lock file " + lockFile + ": " + IoReasons.of(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            release(channel);
            throw cannotOpen(file, e instanceof IOException refused ? "cannot lock " + lockFile + ": " + IoReasons.of(refused)
                    : "another server in this process has it open; with SQLite one server serves a database"
                            + " (several nodes need PostgreSQL)", e);
        }
        if (lock == null) {
            release(channel);
            throw cannotOpen(file, "another process has it open; with SQLite one server serves a database"
                    + " (several nodes need PostgreSQL)", null);
        }
        return channel;
    }

    /**
     * The lock file of {@code file}: beside the file it names once symbolic links are followed, as
     * SQLite follows them, so that a path through a link takes the same lock as the file's own;
     * also when the file does not exist yet. Beside the path as given when its folder cannot be
     * found (opening then fails, saying so).
     */
    static Path lockFileOf(Path file) {
        Path path = file.toAbsolutePath();
        try {
            for (int links = 0; Files.isSymbolicLink(path) && links < 40; links++) { // 40: as Linux stops a loop of links
                path = path.resolveSibling(Files.readSymbolicLink(path));
            }
            path = path.getParent().toRealPath().resolve(path.getFileName());
        } catch (IOException e) {
            path = file.toAbsolutePath();
        }
        return path.resolveSibling(path.getFileName() + "-datastore4j.lock");
    }

    private static Connection openOrRelease(Path file, FileChannel owner) {
        try {
            return open(file);
        } catch (RuntimeException e) {
            release(owner);
            throw e;
        }
    }

    /** Releases a lock taken by {@link #owned}: closing its channel does. */
    private static void release(FileChannel owner) {
        try {
            owner.close();
        } catch (IOException ignored) {
            // it holds no lock any more either way
        }
    }

    @Override
    protected Connection reopen() {
        return open(file);
    }

    @Override
    protected void committed(List<Change> changes) {
        for (Change change : changes) {
            sink.changed(change.record().model(), change.kind(), change.record());
        }
    }

    @Override
    public void close() {
        super.close();
        release(owner); // last: another server may open the file once every connection to it is closed
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static Connection open(Path file) {
        loadSqlite(file);
        Connection connection;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setGetGeneratedKeys(false); // the driver would run SELECT last_insert_rowid() after each INSERT
            connection = DriverManager.getConnection(url(file), config.toProperties());
        } catch (SQLException e) {
            throw cannotOpen(file, e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement()) { // before the read pool connects to it
            String other = anotherDatabase(statement);
            if (other != null) {
                throw new SQLException(other + "; the file was left as it is: name a new file for the server database");
            }
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT);
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the failure to report is the first one
            }
            throw cannotOpen(file, e.getMessage(), e); // not a database, say: the file is left as it is
        }
    }

    /**
     * Loads SQLite's native library, or says what failed and what to do. The driver unpacks it
     * into the folder named by {@code org.sqlite.tmpdir} (else {@code java.io.tmpdir}) and loads it
     * from there; when that fails (the folder is mounted {@code noexec}, as on many hardened
     * servers) its connections fail with only "Error opening connection", which sends the user
     * looking at the database file.
     */
    private static void loadSqlite(Path file) {
        try {
            SQLiteJDBCLoader.initialize(); // once; after that it only answers that it is loaded
        } catch (Exception e) {
            String folder = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
            throw cannotOpen(file, "SQLite's native library cannot be loaded from " + folder + ", where the driver"
                    + " unpacks it (a folder mounted noexec refuses to load programs): name one that allows it with"
                    + " -Dorg.sqlite.tmpdir=<folder> (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What the database is when it holds tables but none of a server's (records of a model, the
     * checked fields, or the one records table of earlier versions), so that a server never adds
     * its tables to another program's database, nor to an app's local store; null otherwise.
     */
    private static String anotherDatabase(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'"
                + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        boolean ours = tables.stream().anyMatch(table -> table.startsWith("model_") || table.equals("checked_fields"))
                || tables.contains("records") && earlierRecordsTable(statement, columnsQuery("records"));
        if (tables.isEmpty() || ours) {
            return null;
        }
        if (tables.contains("_datastore_schema")) {
            return "it is the local store of an app (a DataStore's database), not a server's";
        }
        return "it is a SQLite database, but not a datastore4j server's (it has " + tables.size()
                + (tables.size() == 1 ? " table, " : " tables, such as ") + tables.get(0) + ")";
    }

    private static ServerStartException cannotOpen(Path file, String why, Throwable cause) {
        return new ServerStartException("cannot open the server database " + file + ": " + why, cause);
    }

    @Override
    protected String fieldText(String field) {
        return "json_extract(data, '$." + field + "')";
    }

    @Override
    protected String createTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (key TEXT NOT NULL PRIMARY KEY, data TEXT NOT NULL,"
                + " version INTEGER NOT NULL, deleted INTEGER NOT NULL, last_changed_at INTEGER NOT NULL) WITHOUT ROWID";
    }

    @Override
    protected String columnNames(String table) {
        return columnsQuery(table);
    }

    private static String columnsQuery(String table) {
        return "SELECT name FROM pragma_table_info('" + table + "')";
    }

    /** The clock starts past the newest change stored in the models' tables. */
    @Override
    protected void modelsAdded(List<String> tables) throws SQLException {
        for (String table : tables) {
            clock = Math.max(clock, number("SELECT coalesce(max(last_changed_at), 0) FROM " + table));
        }
    }

    @Override
    protected String listModelTables() {
        return "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'model\\_%' ESCAPE '\\'";
    }

    @Override
    protected String listIndexes() {
        return "SELECT name FROM sqlite_master WHERE type = 'index' AND (tbl_name = 'records' OR tbl_name LIKE 'model\\_%' ESCAPE '\\')"
                + " AND sql IS NOT NULL";
    }

    /** This process owns the file. */
    @Override
    protected boolean dropsUnusedIndexes() {
        return true;
    }

    @Override
    protected String useIndex(String index) {
        return " INDEXED BY " + index;
    }

    /** JSON's own types, as SQLite orders them (numbers before text); a missing value is minus infinity, first of all. */
    @Override
    protected String keyColumn(KeyField field) {
        return "ifnull(" + fieldText(field.name()) + ", -1e999)";
    }

    @Override
    protected Object keyValue(KeyField field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Double.NEGATIVE_INFINITY;
        }
        return switch (field.type()) {
            case TEXT -> value.asText();
            case NUMBER -> value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.longValue() : value.doubleValue();
            case BOOLEAN -> value.asBoolean() ? 1 : 0; // json_extract gives 1 and 0
        };
    }

    @Override
    protected long tick() {
        clock = Math.max(System.currentTimeMillis(), clock + 1);
        return clock;
    }

    @Override
    protected long clockForSync() {
        clock = Math.max(System.currentTimeMillis(), clock); // later writes tick past it
        return clock;
    }
}
