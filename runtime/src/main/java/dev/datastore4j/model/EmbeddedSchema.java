package dev.datastore4j.model;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Metadata of a non-model object type, stored as JSON inside the models that use it. */
public final class EmbeddedSchema<E> {
    private final String name;
    private final Class<E> javaType;
    private final List<ModelField<E, ?>> fields;
    private final Function<FieldValues, E> factory;

    private EmbeddedSchema(
            String name, Class<E> javaType, List<ModelField<E, ?>> fields, Function<FieldValues, E> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.fields = List.copyOf(fields);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public static <E> EmbeddedSchema<E> of(
            String name, Class<E> javaType, List<ModelField<E, ?>> fields, Function<FieldValues, E> factory) {
        return new EmbeddedSchema<>(name, javaType, fields, factory);
    }

    public String name() {
        return name;
    }

    public Class<E> javaType() {
        return javaType;
    }

    public List<ModelField<E, ?>> fields() {
        return fields;
    }

    public E newInstance(FieldValues values) {
        return factory.apply(values);
    }

    @Override
    public String toString() {
        return "EmbeddedSchema[" + name + "]";
    }
}
