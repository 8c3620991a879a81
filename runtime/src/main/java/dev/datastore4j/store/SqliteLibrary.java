package dev.datastore4j.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Connections to SQLite, once its native library is loaded. The driver unpacks the library into
 * the folder named by {@code org.sqlite.tmpdir} (else {@code java.io.tmpdir}) and loads it from
 * there; when that fails (the folder is mounted {@code noexec}, say, as on many hardened servers)
 * its connections fail with only "Error opening connection", which sends the user looking at the
 * database file. This says what failed and what to do instead.
 */
final class SqliteLibrary {
    private SqliteLibrary() {}

    static Connection connect(String url, Properties settings) throws SQLException {
        try {
            SQLiteJDBCLoader.initialize(); // once; after that it only answers that it is loaded
        } catch (Exception e) {
            String folder = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
            throw new SQLException("SQLite's native library cannot be loaded from " + folder + ", where the driver"
                    + " unpacks it (a folder mounted noexec refuses to load programs): name one that allows it with"
                    + " -Dorg.sqlite.tmpdir=<folder> (" + e.getMessage() + ")", e);
        }
        return DriverManager.getConnection(url, settings);
    }
}
