package dev.datastore4j.model;

import java.util.List;

/** The key of a model with a composite primary key; generated as a nested {@code Identifier} record. */
public interface ModelIdentifier<M extends Model> {
    /** The key values: partition key first, then the sort key fields. */
    List<Object> values();
}
