package dev.datastore4j.store;

import org.junit.jupiter.api.RepetitionInfo;

/** Seeds of the randomized tests: each is printed, and {@code -D<property>=N} replays seed N exactly. */
final class Seeds {
    private Seeds() {}

    static long seed(String test, String property, RepetitionInfo repetition) {
        return seed(test, property, System.nanoTime() + repetition.getCurrentRepetition());
    }

    /** For a test that runs once. */
    static long seed(String test, String property) {
        return seed(test, property, System.nanoTime());
    }

    private static long seed(String test, String property, long fresh) {
        long seed = Long.getLong(property, fresh);
        System.out.println(test + " seed " + seed + " (-D" + property + "=" + seed + " replays it)");
        return seed;
    }
}
