package dev.datastore4j.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * All models of one schema, with the schema's version hash. The hash is computed by the generator
 * over everything the store and the protocol depend on, so a store can tell when its database was
 * written by another version of the schema.
 */
public final class ModelRegistry {
    private final String version;
    private final List<ModelSchema<?>> models;
    private final Map<String, ModelSchema<?>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, ModelSchema<?>> byClass = new LinkedHashMap<>();

    private ModelRegistry(String version, List<ModelSchema<?>> models) {
        this.version = Objects.requireNonNull(version, "version");
        this.models = List.copyOf(models);
        for (ModelSchema<?> schema : this.models) {
            if (byName.put(schema.name(), schema) != null) {
                throw new IllegalArgumentException("duplicate model: " + schema.name());
            }
            byClass.put(schema.modelClass(), schema);
        }
    }

    /** Models in dependency order: a {@code @belongsTo} parent comes before its children. */
    public static ModelRegistry of(String version, List<ModelSchema<?>> models) {
        return new ModelRegistry(version, models);
    }

    public String version() {
        return version;
    }

    public List<ModelSchema<?>> models() {
        return models;
    }

    /** The model called {@code name}, or an exception listing the known ones. */
    public ModelSchema<?> schema(String name) {
        ModelSchema<?> schema = byName.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no model named " + name + " in " + byName.keySet());
        }
        return schema;
    }

    // Each entry of byClass maps a model class to the schema built for exactly that class.
    @SuppressWarnings("unchecked")
    public <M extends Model> ModelSchema<M> schema(Class<M> modelClass) {
        ModelSchema<?> schema = byClass.get(modelClass);
        if (schema == null) {
            throw new IllegalArgumentException(modelClass.getName() + " is not a model of this registry");
        }
        return (ModelSchema<M>) schema;
    }
}
