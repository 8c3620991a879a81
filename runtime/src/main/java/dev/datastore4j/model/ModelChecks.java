package dev.datastore4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Checks that generated constructors run, so every model reports bad input the same way. */
public final class ModelChecks {
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
     * Rejects a {@code Float} that is not a finite number: GraphQL (and so AppSync) has no NaN or
     * infinity, and SQLite would store a NaN as null.
     */
    public static void finite(String typeName, String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(typeName + "." + field + " must be a finite number, not " + value);
        }
    }

    /** {@link #finite(String, String, Double)} for every element of a list of {@code Float}s. */
    public static void finite(String typeName, String field, List<Double> values) {
        if (values != null) {
            for (Double value : values) {
                finite(typeName, field, value);
            }
        }
    }

    /** An unmodifiable copy of {@code list} (null stays null); rejects null elements when required. */
    public static <E> List<E> immutableList(String typeName, String field, List<E> list, boolean elementsRequired) {
        if (list == null) {
            return null;
        }
        List<E> copy = new ArrayList<>(list); // List.of(...).contains(null) would throw, so scan the copy
        if (elementsRequired && copy.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(typeName + "." + field + " must not contain null elements");
        }
        return Collections.unmodifiableList(copy);
    }
}
