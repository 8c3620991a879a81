package dev.datastore4j.model;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Metadata of a non-model object type, stored as JSON inside the models that use it. Its fields
 * are given as a supplier, asked once, when they are first needed: a non-model type may hold
 * itself, in a field of its own or through another non-model type (a tree of panels, say), and
 * a field's type names the schema of the type it holds, so the schema must exist before its
 * fields do.
 */
public final class EmbeddedSchema<E> {
    private final String name;
    private final Class<E> javaType;
    private final Supplier<List<ModelField<E, ?>>> fieldsSource;
    private volatile List<ModelField<E, ?>> fields;
    private final Function<FieldValues, E> factory;

    private EmbeddedSchema(String name, Class<E> javaType, Supplier<List<ModelField<E, ?>>> fields,
            Function<FieldValues, E> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.fieldsSource = Objects.requireNonNull(fields, "fields");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public static <E> EmbeddedSchema<E> of(String name, Class<E> javaType, Supplier<List<ModelField<E, ?>>> fields,
            Function<FieldValues, E> factory) {
        return new EmbeddedSchema<>(name, javaType, fields, factory);
    }

    public String name() {
        return name;
    }

    public Class<E> javaType() {
        return javaType;
    }

    public List<ModelField<E, ?>> fields() {
        List<ModelField<E, ?>> known = fields;
        if (known == null) { // two threads may both ask the supplier: it gives the same fields each time
            known = List.copyOf(fieldsSource.get());
            fields = known;
        }
        return known;
    }

    public E newInstance(FieldValues values) {
        return factory.apply(values);
    }

    @Override
    public String toString() {
        return "EmbeddedSchema[" + name + "]";
    }
}
