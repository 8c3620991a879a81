package dev.datastore4j.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/** {@link DataStore#backup}: a copy of a database taken in one read transaction, checked, synced, then named. */
final class Backup {
    private Backup() {}

    static long copy(Path file, Path copy) {
        if (!Files.isRegularFile(file)) {
            throw new DataStoreException("cannot copy " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
        if (Files.exists(copy)) {
            throw new DataStoreException("cannot copy " + file + ": " + copy + " exists; name a new file (a backup never"
                    + " writes over one)");
        }
        Path folder = copy.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new DataStoreException("cannot copy " + file + " to " + copy + ": there is no folder " + folder);
        }
        Path partial = folder.resolve("." + copy.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            vacuumInto(file, partial);
            check(partial);
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                written.force(true); // SQLite does not sync what VACUUM INTO writes
            }
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                directory.force(true); // and the rename
            }
            return Files.size(copy);
        } catch (SQLException e) {
            throw new DataStoreException("cannot copy " + file + ": " + DataStore.describe(e), e);
        } catch (IOException e) {
            throw new DataStoreException("cannot copy " + file + " to " + copy + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a partial copy that cannot be removed keeps its dot name, never the copy's
            }
        }
    }

    /**
     * Writes the database in {@code file} to {@code target} as of one moment: {@code VACUUM INTO}
     * reads it in one transaction, beside writers (WAL), and writes nothing to it.
     */
    private static void vacuumInto(Path file, Path target) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(10_000);
        try (Connection source = SqliteLibrary.connect(DataStore.readOnlyUrl(file,
                        Files.isWritable(SqliteLibrary.fileOpened(file).getParent())), readOnly.toProperties());
                PreparedStatement vacuum = source.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        }
    }

    private static void check(Path copy) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection written = SqliteLibrary.connect("jdbc:sqlite:" + copy, readOnly.toProperties());
                Statement statement = written.createStatement();
                ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
            String result = check.next() ? check.getString(1) : "no answer";
            if (!result.equals("ok")) {
                throw new SQLException("the copy fails its integrity check: " + result);
            }
        }
    }
}
