package dev.datastore4j.model;

import java.util.List;
import java.util.Objects;

/**
 * A secondary index from {@code @index}: its name, its key fields (partition key first, then the
 * sort key fields) and the query field AppSync exposes for it, or null when it has none.
 */
public record IndexInfo(String name, List<String> fields, String queryField) {
    public IndexInfo {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no fields");
        }
    }
}
