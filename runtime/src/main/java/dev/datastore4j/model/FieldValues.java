package dev.datastore4j.model;

/**
 * Typed access to the values a model is built from. The runtime implements it over a database row
 * or a JSON object; generated factories read it field by field, so no reflection is involved.
 */
@FunctionalInterface
public interface FieldValues {
    /** The value for {@code field}, or null when absent. */
    <T> T get(ModelField<?, T> field);
}
