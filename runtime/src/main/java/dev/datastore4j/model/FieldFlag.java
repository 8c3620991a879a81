package dev.datastore4j.model;

/** Properties of a field beyond its type. */
public enum FieldFlag {
    /** Declared non-null ({@code !}) in the schema; a model cannot be built without it. */
    REQUIRED,
    /** Set by the server (timestamps); never sent in a mutation input. */
    READ_ONLY
}
