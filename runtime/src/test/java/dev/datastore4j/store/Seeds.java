package dev.datastore4j.store;

import org.junit.jupiter.api.RepetitionInfo;

/** Seeds of the randomized tests: each is printed, and {@code -D<property>=N} replays seed N exactly. */
final class Seeds {
    private Seeds() {}

    static long seed(String test, String property, RepetitionInfo repetition) {
        Long given = Long.getLong(property);
        long seed = given != null ? given : System.nanoTime() + repetition.getCurrentRepetition();
        System.out.println(test + " seed " + seed + " (-D" + property + "=" + seed + " replays it)");
        return seed;
    }
}
