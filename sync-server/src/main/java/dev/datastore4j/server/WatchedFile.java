package dev.datastore4j.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;

/**
 * What a file of credentials holds (a JWKS, API keys), read again when the file changes, so that
 * keys are added and withdrawn without a restart. The file is looked at when its contents are
 * asked for, at most once every {@value #RECHECK_MILLIS} ms (requests carrying made-up keys must
 * not make the server read it for each), and read again when its modification time, size or
 * identity (its inode, which a file replaced by a rename changes) differs from when it was read. A
 * file changed less than {@value #SETTLE_MILLIS} ms before is read once it has stayed as it is
 * that long, so that one a tool writes in place is not read half-written (a line of a key cut
 * short would be a key of its own). A file that cannot be read or holds nothing usable then leaves
 * what was read before in use, with a warning; at start it is an error.
 */
final class WatchedFile<T> {
    static final long RECHECK_MILLIS = 1_000;
    private static final long SETTLE_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger(WatchedFile.class.getName());

    private final Path file;
    private final String what;
    /** Reads the file, or throws an {@link IllegalArgumentException} saying why it cannot be used. */
    private final Function<Path, T> reader;
    private volatile T contents;
    /** When the file was last looked at for a change, in nanoseconds. */
    private volatile long lookedAt;
    /** The file's modification time, size and identity when last read (guarded by this). */
    private Stamp read;

    /** {@code key} is the file system's identity of the file (null where it has none). */
    private record Stamp(FileTime modified, long size, Object key) {
    }

    /**
     * Reads {@code file} now, {@code what} naming it in messages ("the JWKS file"); an {@link
     * IllegalArgumentException} saying why when it cannot be read or used.
     */
    WatchedFile(Path file, String what, Function<Path, T> reader) {
        this.file = file;
        this.what = what;
        this.reader = reader;
        this.read = stamp();
        this.contents = reader.apply(file);
        this.lookedAt = System.nanoTime();
    }

    /** The file's contents, as read when it last changed. */
    T contents() {
        if (System.nanoTime() - lookedAt >= RECHECK_MILLIS * 1_000_000) {
            readAgainIfChanged();
        }
        return contents;
    }

    /**
     * Looks at the file, unless another thread did within the interval. {@code lookedAt} moves on
     * only once the look is over, so that a thread arriving meanwhile waits for it here rather than
     * go on with what the file held before it changed.
     */
    private synchronized void readAgainIfChanged() {
        long now = System.nanoTime();
        if (now - lookedAt < RECHECK_MILLIS * 1_000_000) {
            return; // another thread looked meanwhile
        }
        long looked = now; // the next look comes RECHECK_MILLIS after this
        try {
            Stamp stamp = stamp();
            if (stamp.equals(read)) {
                return;
            }
            long age = System.currentTimeMillis() - stamp.modified().toMillis();
            if (age >= 0 && age < SETTLE_MILLIS) { // being written, maybe (a time ahead of this clock says nothing)
                looked -= (RECHECK_MILLIS - (SETTLE_MILLIS - age)) * 1_000_000; // the next look once it has settled
                return;
            }
            read = stamp; // read once per change, whether it can be used or not
            contents = reader.apply(file);
            LOG.log(System.Logger.Level.INFO, "read " + what + " " + file + " again");
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; what it held before stays in use");
        } finally {
            lookedAt = looked;
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + IoReasons.of(e), e);
        }
    }
}
