package dev.datastore4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The file SQLite opens for {@code file}, beside which it keeps the WAL and shared-memory
     * files: every symbolic link followed, in its folders and in its name, also when the file does
     * not exist yet. As given, made absolute, when its folder cannot be found (opening it then
     * fails, saying so).
     */
    static Path fileOpened(Path file) {
        Path path = file.toAbsolutePath();
        try {
            for (int links = 0; Files.isSymbolicLink(path) && links < 40; links++) { // 40: as Linux stops a loop of links
                path = path.resolveSibling(Files.readSymbolicLink(path));
            }
            return path.getParent().toRealPath().resolve(path.getFileName());
        } catch (IOException e) {
            return file.toAbsolutePath();
        }
    }
}
