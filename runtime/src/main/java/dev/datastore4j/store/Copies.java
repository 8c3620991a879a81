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
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Whole copies of a database: {@link DataStore#backup}, {@link DataStore#restore}, and the copy a
 * store sets aside before it starts over. A copy is written by {@code VACUUM INTO} in one read
 * transaction (beside writers, in WAL mode) under a temporary name, synced, and only then renamed
 * to its own, so that a file under that name is always a whole copy.
 */
final class Copies {
    private Copies() {}

    static long backup(Path file, Path copy) {
        requireDatabase(file, "copy");
        requireNamed(copy, "copy " + file + " to");
        if (Files.exists(copy)) {
            throw new DataStoreException("cannot copy " + file + ": " + copy + " exists; name a new file (a backup never"
                    + " writes over one)");
        }
        Path folder = copy.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new DataStoreException("cannot copy " + file + " to " + copy + ": there is no folder " + folder);
        }
        Path partial = partialOf(copy);
        try {
            try (Connection source = readOnly(file)) {
                vacuumInto(source, partial);
            }
            check(partial);
            rename(partial, copy);
            return Files.size(copy);
        } catch (SQLException e) {
            throw new DataStoreException("cannot copy " + file + ": " + DataStore.describe(e), e);
        } catch (IOException e) {
            throw new DataStoreException("cannot copy " + file + " to " + copy + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    static Optional<Path> restore(Path copy, Path file) {
        requireDatabase(copy, "restore from");
        requireNamed(file, "restore");
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new DataStoreException("cannot restore " + file + ": there is no folder " + folder);
        }
        if (isSameFile(copy, file)) {
            throw new DataStoreException("cannot restore " + file + " from " + copy + ": they are the same file; name the"
                    + " copy that backup wrote");
        }
        Kind copyKind;
        try (Connection source = readOnly(copy)) {
            checkIntegrity(source, "the copy");
            copyKind = kind(source);
        } catch (SQLException e) {
            throw new DataStoreException("cannot restore from " + copy + ": " + DataStore.describe(e), e);
        }
        OwnerLock lock;
        try {
            lock = OwnerLock.take(file);
        } catch (DataStoreException e) {
            throw new DataStoreException("cannot restore " + file + ": it is in use (by a sync server or an app); stop"
                    + " it first (" + e.getMessage() + ")", e);
        }
        Path real = SqliteLibrary.fileOpened(file);
        Path partial = partialOf(real);
        try (lock) {
            refuseOtherKind(copy, copyKind, file, real);
            try (Connection source = readOnly(copy)) {
                vacuumInto(source, partial);
            }
            Path aside = Files.exists(real) ? setAside(real) : null;
            Files.deleteIfExists(real.resolveSibling(real.getFileName() + "-shm")); // rebuilt on open; the WAL is gone
            rename(partial, real);
            return Optional.ofNullable(aside);
        } catch (SQLException e) {
            throw new DataStoreException("cannot restore " + file + " from " + copy + ": " + DataStore.describe(e), e);
        } catch (IOException e) {
            throw new DataStoreException("cannot restore " + file + " from " + copy + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static boolean isSameFile(Path copy, Path file) {
        try {
            return Files.exists(file) && Files.isSameFile(copy, file);
        } catch (IOException e) {
            throw new DataStoreException("cannot restore " + file + " from " + copy + ": " + e.getMessage(), e);
        }
    }

    /** What a database holds: an app's store, another database (a sync server's, say), or no table at all. */
    private enum Kind {
        STORE,
        OTHER,
        EMPTY
    }

    private static Kind kind(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SELECT count(*), coalesce(sum(name = '" + Tables.SCHEMA
                        + "'), 0) FROM sqlite_master WHERE type = 'table'")) {
            tables.next();
            return tables.getInt(2) > 0 ? Kind.STORE : tables.getInt(1) > 0 ? Kind.OTHER : Kind.EMPTY;
        }
    }

    /**
     * Refuses to put a sync server's database in the place of an app's store, or a store in the
     * place of a server's database: a copy of the wrong file, which the app or server would then
     * refuse to open. A database {@code real} that is missing, empty, that SQLite cannot read (a
     * corrupt one being restored), or that a crash left with a WAL (which only {@link #setAside}
     * may touch), is replaced whatever the copy.
     */
    private static void refuseOtherKind(Path copy, Kind copyKind, Path file, Path real) throws IOException {
        Path wal = walOf(real);
        if (!Files.exists(real) || Files.exists(wal) && Files.size(wal) > 0) {
            return;
        }
        Kind replacing;
        try (Connection replaced = readOnly(real)) {
            replacing = kind(replaced);
        } catch (SQLException e) {
            return;
        }
        if (replacing != Kind.EMPTY && (replacing == Kind.STORE) != (copyKind == Kind.STORE)) {
            throw new DataStoreException("cannot restore " + file + " from " + copy + ": " + (replacing == Kind.STORE
                    ? file + " is an app's store, and the copy is not one (a sync server's database, say)"
                    : "the copy is an app's store, and " + file + " is not one (a sync server's database, say)")
                    + "; restore a copy of the same file, or move " + file + " away first. Nothing was changed");
        }
    }

    /**
     * Gives the database in {@code real}, which nothing has open, a set-aside name, whole with what
     * its WAL held, and returns it; the caller then renames the copy into {@code real}.
     */
    private static Path setAside(Path real) throws IOException {
        Path aside = DataStore.setAsideName(real, "replaced");
        Path wal = walOf(real);
        Path asideWal = walOf(aside);
        if (Files.exists(wal) && Files.size(wal) > 0) {
            // Left by a crash with commits in its WAL: they are folded into the database (a
            // checkpoint). A copy of the WAL is kept aside meanwhile: SQLite can remove the WAL
            // beside a file it cannot read as a database when it closes it.
            copySynced(wal, asideWal);
            if (checkpointed(real)) {
                Files.delete(asideWal);
            }
        }
        if (!Files.exists(asideWal) && linked(aside, real)) {
            // Whole in its one file, it took its new name as a second one, and the copy replaces
            // it in one rename: a whole database is under the name at every moment.
            Files.deleteIfExists(wal);
        } else {
            // One SQLite cannot read, or a file system without hard links: moved aside by renames,
            // its WAL first (a database's WAL must never meet another database under its name).
            // Until the caller renames the copy in, no file is under the name.
            if (Files.exists(asideWal)) {
                Files.deleteIfExists(wal);
            } else if (Files.exists(wal)) {
                Files.move(wal, asideWal, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(real, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        return aside;
    }

    /**
     * Whether the database in {@code file}, which nothing else has open, now holds all its WAL
     * held, with no WAL left beside it (the last connection's close removes it). False for a file
     * SQLite cannot read as a database.
     */
    private static boolean checkpointed(Path file) throws IOException {
        try (Connection connection = SqliteLibrary.connect("jdbc:sqlite:" + file, new SQLiteConfig().toProperties());
                Statement statement = connection.createStatement();
                ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (!checkpoint.next() || checkpoint.getInt(1) != 0) { // its first column: 1 if it could not finish
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        Path wal = walOf(file);
        return !Files.exists(wal) || Files.size(wal) == 0;
    }

    /** Copies {@code file} to {@code target} and syncs the copy to the disk. */
    private static void copySynced(Path file, Path target) throws IOException {
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        sync(target);
    }

    /** Syncs what was written to {@code file} to the disk. */
    private static void sync(Path file) throws IOException {
        try (FileChannel written = FileChannel.open(file, StandardOpenOption.WRITE)) {
            written.force(true);
        }
    }

    /** Whether {@code aside} could be made a second name of {@code file}: hard links are not on every file system. */
    private static boolean linked(Path aside, Path file) {
        try {
            Files.createLink(aside, file);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Writes the database {@code source} is connected to into {@code partial} as of one moment,
     * and syncs it to the disk (SQLite does not sync what {@code VACUUM INTO} writes). A {@code
     * partial} left by a crash is written over.
     */
    static void vacuumInto(Connection source, Path partial) throws SQLException, IOException {
        Files.deleteIfExists(partial);
        try (PreparedStatement vacuum = source.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, partial.toString());
            vacuum.execute();
        }
        sync(partial);
    }

    /** Gives {@code partial} its name {@code target}, and syncs the folder so that the name survives a crash. */
    static void rename(Path partial, Path target) throws IOException {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel folder = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    /** The temporary name a copy to {@code target} is written under. */
    static Path partialOf(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".partial");
    }

    private static Path walOf(Path database) {
        return database.resolveSibling(database.getFileName() + "-wal");
    }

    /** Refuses {@code file} unless it is a file, saying it cannot {@code doing} it ("copy"). */
    static void requireDatabase(Path file, String doing) {
        requireNamed(file, doing);
        if (!Files.isRegularFile(file)) {
            throw new DataStoreException("cannot " + doing + " " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
    }

    /** Refuses the empty path, which names the current folder rather than a database file. */
    static void requireNamed(Path file, String doing) {
        if (file.toString().isEmpty()) {
            throw new DataStoreException("cannot " + doing + " a database at an empty path; name a database file");
        }
    }

    /** A connection that only reads {@code file} (see {@link DataStore#readOnlyUrl}). */
    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(10_000);
        return SqliteLibrary.connect(DataStore.readOnlyUrl(file, Files.isWritable(SqliteLibrary.fileOpened(file).getParent())),
                readOnly.toProperties());
    }

    private static void check(Path copy) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection written = SqliteLibrary.connect("jdbc:sqlite:" + copy, readOnly.toProperties())) {
            checkIntegrity(written, "the copy");
        }
    }

    private static void checkIntegrity(Connection connection, String what) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
            String result = check.next() ? check.getString(1) : "no answer";
            if (!result.equals("ok")) {
                throw new SQLException(what + " fails its integrity check: " + result);
            }
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // what is left keeps its .partial name, never the copy's
        }
    }
}
