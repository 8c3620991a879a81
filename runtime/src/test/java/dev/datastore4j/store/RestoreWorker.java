package dev.datastore4j.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashTest}: restores a copy over a database, printing a line before
 * the restore and one after it, unless the parent kills it first.
 */
public final class RestoreWorker {
    private RestoreWorker() {}

    public static void main(String[] args) {
        Path copy = Path.of(args[0]);
        Path file = Path.of(args[1]);
        // a first restore into a new file loads the classes, so that the kills fall in the work
        DataStore.restore(copy, file.resolveSibling("warm-up.db"));
        System.out.println("restoring");
        System.out.flush();
        long start = System.nanoTime();
        DataStore.restore(copy, file);
        System.out.println("restored in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
