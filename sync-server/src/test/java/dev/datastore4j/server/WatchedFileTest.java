package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched file is taken once it has changed and then stayed as it is for a moment, so that one
 * being written in place is not read half-written: a key file cut short in the middle of a line
 * would let the key's first characters in as a key of their own.
 */
class WatchedFileTest {
    @TempDir
    Path temp;

    @Test
    void aFileBeingWrittenIsTakenOnlyOnceItHasSettled() throws Exception {
        // the first look must come within the 100 ms a change settles in: a machine too busy for
        // that (a pause of the JVM, say) leaves the try saying nothing, and it is made again
        for (int tries = 1; !halfWrittenIsNotRead(temp.resolve("keys-" + tries)); tries++) {
            assertThat(tries).as("tries whose first look came too late").isLessThan(5);
        }
    }

    /** False when the look after the half write came too late to say anything. */
    private static boolean halfWrittenIsNotRead(Path file) throws Exception {
        Files.writeString(file, "da2-first\n");
        WatchedFile<List<String>> keys = new WatchedFile<>(file, "the keys file", WatchedFileTest::lines);
        assertThat(keys.contents()).containsExactly("da2-first");

        awaitNextLook();
        long written = System.nanoTime();
        Files.writeString(file, "da2-first\nda2-sec"); // half of the second line written, as a writer in place leaves it
        List<String> seen = keys.contents();
        if (System.nanoTime() - written > TimeUnit.MILLISECONDS.toNanos(80)) {
            return false;
        }
        assertThat(seen).as("changed a moment ago: not read yet").containsExactly("da2-first");
        Files.writeString(file, "da2-first\nda2-second\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (keys.contents().size() < 2 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(keys.contents()).as("taken once it has settled").containsExactly("da2-first", "da2-second");
        return true;
    }

    /** A time ahead of the clock (another machine's, over a network file system) is no reason to wait. */
    @Test
    void aFileDatedAheadIsTakenAtOnce() throws Exception {
        Path file = Files.writeString(temp.resolve("keys"), "da2-first\n");
        WatchedFile<List<String>> keys = new WatchedFile<>(file, "the keys file", WatchedFileTest::lines);
        awaitNextLook();
        Files.writeString(file, "da2-second\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(keys.contents()).containsExactly("da2-second");
    }

    private static void awaitNextLook() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(WatchedFile.RECHECK_MILLIS + 50);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
