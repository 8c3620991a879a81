package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file (WAL). One process owns it, so the write clock lives in
 * memory, seeded from the newest stored change. Commits are synced to disk before a mutation is
 * answered ({@code synchronous=FULL}): a client drops its outbox entry once the server accepts
 * it, so an accepted write must survive a power cut. Group commit shares each sync among every
 * mutation waiting for it.
 */
final class SqliteRecordStore extends JdbcRecordStore {
    private long clock;

    SqliteRecordStore(Path file) {
        super(open(file), readPool(url(file), 4, null));
        try {
            start();
        } catch (SQLException e) {
            close();
            throw cannotOpen(file, e.getMessage(), e);
        }
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static Connection open(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw cannotOpen(file, "folder " + parent + " does not exist", null);
        }
        if (Files.isDirectory(file)) {
            throw cannotOpen(file, "it is a folder; name a database file in it", null);
        }
        Connection connection;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setGetGeneratedKeys(false); // the driver would run SELECT last_insert_rowid() after each INSERT
            connection = DriverManager.getConnection(url(file), config.toProperties());
        } catch (SQLException e) {
            throw cannotOpen(file, e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement()) { // before the read pool connects to it
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
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
    protected String tableCount(String table) {
        return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'";
    }

    /** The clock starts past the newest change stored in the models' tables. */
    @Override
    protected void modelsAdded(List<String> tables) throws SQLException {
        for (String table : tables) {
            clock = Math.max(clock, number("SELECT coalesce(max(last_changed_at), 0) FROM " + table));
        }
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
