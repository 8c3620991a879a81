package dev.datastore4j.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Makes one {@link DataStore} the only one on its database file, in this process and in every
 * other. Two would each serve their own observers, which would miss the other's writes, and each
 * would send the one outbox to the server. The lock is held on a file beside the database (a lock
 * on the database file itself would be undone by SQLite closing its own handles to it); the
 * operating system releases it when the process ends, however it ends. The file stays.
 */
final class OwnerLock implements AutoCloseable {
    /** Holds the lock while open. */
    private final FileChannel channel;

    private OwnerLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * The lock file of {@code database}: beside the file it names once symbolic links are followed,
     * as SQLite follows them, so that a path through a link takes the same lock as the file's own.
     */
    static Path fileOf(Path database) {
        Path real = SqliteLibrary.fileOpened(database);
        return real.resolveSibling(real.getFileName() + "-datastore4j.lock");
    }

    /** Takes the lock of {@code database}, or says who holds it. */
    static OwnerLock take(Path database) {
        Path path = fileOf(database);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DataStoreException("cannot open " + database + ": cannot create its lock file " + path + ": " + reason(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new DataStoreException("cannot open " + database + ": a DataStore in this process has it open;"
                    + " share that one (with two, the observers of each would miss the other's writes)");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DataStoreException("cannot open " + database + ": cannot lock " + path + ": " + reason(e), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new DataStoreException("cannot open " + database + ": another process has it open (a second"
                    + " instance of the app?); a database file is used by one DataStore at a time");
        }
        return new OwnerLock(channel);
    }

    /** Why the file system refused, in its words ("Read-only file system"), not the exception's class name. */
    private static String reason(IOException e) {
        if (!(e instanceof FileSystemException refused)) {
            return String.valueOf(e.getMessage());
        }
        return refused.getReason() != null ? refused.getReason() // AccessDeniedException has none: "access denied"
                : refused.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase(Locale.ROOT);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // it held no lock
        }
    }

    /** Releases the lock: closing the channel does. */
    @Override
    public void close() {
        closeQuietly(channel);
    }
}
