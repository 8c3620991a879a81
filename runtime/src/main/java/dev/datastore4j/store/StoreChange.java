package dev.datastore4j.store;

import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelSchema;

/** A committed local change: the model as saved, or as it was before it was deleted. */
public record StoreChange<M extends Model>(ModelSchema<M> schema, Type type, M model) {
    public enum Type {
        CREATE,
        UPDATE,
        DELETE
    }
}
