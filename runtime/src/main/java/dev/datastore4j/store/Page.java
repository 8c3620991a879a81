package dev.datastore4j.store;

/** A page of query results: {@code size} items after skipping {@code index * size}. */
public record Page(int index, int size) {
    public Page {
        if (index < 0 || size <= 0) {
            throw new IllegalArgumentException("a page needs an index of 0 or more and a size of 1 or more, not index "
                    + index + " and size " + size);
        }
    }

    public static Page first(int size) {
        return new Page(0, size);
    }

    public static Page of(int index, int size) {
        return new Page(index, size);
    }

    /** Every result. */
    public static Page all() {
        return new Page(0, Integer.MAX_VALUE);
    }

    long offset() {
        return (long) index * size;
    }
}
