package dev.datastore4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** Checks that generated constructors run, so every model reports bad input the same way. */
public final class ModelChecks {
    private static final ThreadLocal<Boolean> READING_STORED = ThreadLocal.withInitial(() -> false);

    private final String typeName;
    private final List<String> missing = new ArrayList<>();

    private ModelChecks(String typeName) {
        this.typeName = typeName;
    }

    /** Starts a check of the required fields of one instance of {@code typeName}. */
    public static ModelChecks required(String typeName) {
        return new ModelChecks(typeName);
    }

    public ModelChecks field(String name, Object value) {
        if (value == null) {
            missing.add(name);
        }
        return this;
    }

    /** Throws one exception that names every missing field. */
    public void check() {
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    typeName + " is missing required " + (missing.size() == 1 ? "field: " : "fields: ")
                            + String.join(", ", missing));
        }
    }

    /**
     * Rejects a value of {@code scalar} (or a list element) that the scalar cannot carry: a
     * {@code Float} that is not a finite number (GraphQL has no NaN or infinity, and SQLite would
     * store a NaN as null), a date or time outside the years 0000-9999, and an AWSEmail, AWSJSON,
     * AWSURL, AWSPhone or AWSIPAddress of a form the sync server refuses, as AppSync does. Null
     * is left to the required-field check.
     */
    public static void valid(String typeName, String field, Scalar scalar, Object value) {
        if (READING_STORED.get()) {
            return;
        }
        if (value instanceof List<?> list) {
            list.forEach(element -> valid(typeName, field, scalar, element));
        } else if (value != null) {
            String problem = scalar.problem(value);
            if (problem != null) {
                String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
                throw new IllegalArgumentException(typeName + "." + field + " " + problem + ", not " + shown);
            }
        }
    }

    /**
     * Builds a model (or models) from values already stored, during which {@link #valid} checks
     * nothing: a value stored under looser rules, by an earlier version, stays readable (and can
     * be corrected), instead of making every query that meets it fail; and the checks' cost is
     * not paid again on every read. Required fields are still checked. The local store reads
     * through it; a model built anywhere else is checked in full.
     */
    public static <T> T readingStored(Supplier<T> build) {
        if (READING_STORED.get()) {
            return build.get();
        }
        READING_STORED.set(true);
        try {
            return build.get();
        } finally {
            READING_STORED.set(false);
        }
    }

    /** An unmodifiable copy of {@code list} (null stays null); rejects null elements when required. */
    public static <E> List<E> immutableList(String typeName, String field, List<E> list, boolean elementsRequired) {
        if (list == null) {
            return null;
        }
        List<E> copy = new ArrayList<>(list); // List.of(...).contains(null) would throw, so scan the copy
        if (elementsRequired) {
            for (E element : copy) { // a loop, not a stream: every list a model is built with passes here
                if (element == null) {
                    throw new IllegalArgumentException(typeName + "." + field + " must not contain null elements");
                }
            }
        }
        return Collections.unmodifiableList(copy);
    }
}
