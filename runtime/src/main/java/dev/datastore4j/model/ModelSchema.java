package dev.datastore4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the runtime knows about one model type: fields with their types and accessors, key,
 * indexes, relationships, auth rules, plural and operation names, and a factory. Generated models
 * publish theirs as {@code SCHEMA}; the runtime reads and builds models only through it.
 */
public final class ModelSchema<M extends Model> {
    private final Class<M> modelClass;
    private final String name;
    private final String pluralName;
    private final List<ModelField<M, ?>> fields;
    private final Map<String, ModelField<M, ?>> fieldsByName;
    private final List<ModelField<M, ?>> primaryKey;
    private final Map<String, Object> defaultValues;
    private final List<IndexInfo> indexes;
    private final List<Relationship> relationships;
    private final List<AuthRule> authRules;
    private final Map<String, List<AuthRule>> fieldAuthRules;
    private final ModelOperations operations;
    private final Function<FieldValues, M> factory;

    private ModelSchema(Builder<M> builder) {
        this.modelClass = builder.modelClass;
        this.name = builder.name;
        this.pluralName = builder.pluralName;
        this.fields = List.copyOf(builder.fields);
        this.fieldsByName = new LinkedHashMap<>();
        for (ModelField<M, ?> field : fields) {
            if (fieldsByName.put(field.name(), field) != null) {
                throw new IllegalArgumentException("duplicate field in " + name + ": " + field.name());
            }
        }
        this.primaryKey = List.copyOf(builder.primaryKey);
        if (primaryKey.isEmpty() || !fields.containsAll(primaryKey)) {
            throw new IllegalArgumentException("primary key of " + name + " must be among its fields");
        }
        for (String field : builder.defaultValues.keySet()) {
            if (!fieldsByName.containsKey(field)) {
                throw new IllegalArgumentException(
                        "default value for " + name + "." + field + ", which is not among its fields");
            }
        }
        this.defaultValues = Map.copyOf(builder.defaultValues);
        this.indexes = List.copyOf(builder.indexes);
        this.relationships = List.copyOf(builder.relationships);
        this.authRules = List.copyOf(builder.authRules);
        this.fieldAuthRules = Map.copyOf(builder.fieldAuthRules);
        this.operations = Objects.requireNonNull(builder.operations, "operations of " + name);
        this.factory = Objects.requireNonNull(builder.factory, "factory of " + name);
    }

    public static <M extends Model> Builder<M> builder(Class<M> modelClass, String name, String pluralName) {
        return new Builder<>(modelClass, name, pluralName);
    }

    public Class<M> modelClass() {
        return modelClass;
    }

    public String name() {
        return name;
    }

    /** The plural used in operation names ({@code syncPeople}). */
    public String pluralName() {
        return pluralName;
    }

    /** Stored fields in schema order: declared fields, foreign keys, timestamps, owner fields. */
    public List<ModelField<M, ?>> fields() {
        return fields;
    }

    /** The field called {@code name}, or null. */
    public ModelField<M, ?> field(String name) {
        return fieldsByName.get(name);
    }

    /** Key fields: the partition key first, then the sort key fields. */
    public List<ModelField<M, ?>> primaryKey() {
        return primaryKey;
    }

    /** The key values of {@code model}, in {@link #primaryKey()} order. */
    public List<Object> keyValues(M model) {
        List<Object> values = new ArrayList<>(primaryKey.size());
        for (ModelField<M, ?> field : primaryKey) {
            values.add(field.get(model));
        }
        return values;
    }

    /**
     * The {@code @default} of {@code field}, or null when it has none. A new builder starts with
     * it, and opening a database written before the field was required fills it in where the
     * stored records lack it.
     */
    @SuppressWarnings("unchecked")
    public <T> T defaultValue(ModelField<M, T> field) {
        return (T) defaultValues.get(field.name());
    }

    public List<IndexInfo> indexes() {
        return indexes;
    }

    public List<Relationship> relationships() {
        return relationships;
    }

    public List<AuthRule> authRules() {
        return authRules;
    }

    /** Rules declared on one field with a field-level {@code @auth}; empty when it has none. */
    public List<AuthRule> fieldAuthRules(String fieldName) {
        return fieldAuthRules.getOrDefault(fieldName, List.of());
    }

    public ModelOperations operations() {
        return operations;
    }

    public M newInstance(FieldValues values) {
        return factory.apply(values);
    }

    @Override
    public String toString() {
        return "ModelSchema[" + name + "]";
    }

    /** Used by generated code to assemble a schema. */
    public static final class Builder<M extends Model> {
        private final Class<M> modelClass;
        private final String name;
        private final String pluralName;
        private final List<ModelField<M, ?>> fields = new ArrayList<>();
        private final List<ModelField<M, ?>> primaryKey = new ArrayList<>();
        private final Map<String, Object> defaultValues = new LinkedHashMap<>();
        private final List<IndexInfo> indexes = new ArrayList<>();
        private final List<Relationship> relationships = new ArrayList<>();
        private final List<AuthRule> authRules = new ArrayList<>();
        private final Map<String, List<AuthRule>> fieldAuthRules = new LinkedHashMap<>();
        private ModelOperations operations;
        private Function<FieldValues, M> factory;

        private Builder(Class<M> modelClass, String name, String pluralName) {
            this.modelClass = Objects.requireNonNull(modelClass, "modelClass");
            this.name = Objects.requireNonNull(name, "name");
            this.pluralName = Objects.requireNonNull(pluralName, "pluralName");
        }

        @SafeVarargs
        public final Builder<M> fields(ModelField<M, ?>... fields) {
            for (ModelField<M, ?> field : fields) {
                this.fields.add(field);
            }
            return this;
        }

        @SafeVarargs
        public final Builder<M> primaryKey(ModelField<M, ?>... fields) {
            for (ModelField<M, ?> field : fields) {
                primaryKey.add(field);
            }
            return this;
        }

        /** The field's {@code @default}; see {@link ModelSchema#defaultValue}. */
        public <T> Builder<M> defaultValue(ModelField<M, T> field, T value) {
            defaultValues.put(field.name(), Objects.requireNonNull(value, "default value of " + field.name()));
            return this;
        }

        public Builder<M> index(IndexInfo index) {
            indexes.add(index);
            return this;
        }

        public Builder<M> relationship(Relationship relationship) {
            relationships.add(relationship);
            return this;
        }

        public Builder<M> authRules(AuthRule... rules) {
            authRules.addAll(List.of(rules));
            return this;
        }

        public Builder<M> fieldAuthRules(String fieldName, AuthRule... rules) {
            fieldAuthRules.put(fieldName, List.of(rules));
            return this;
        }

        public Builder<M> operations(ModelOperations operations) {
            this.operations = operations;
            return this;
        }

        public Builder<M> factory(Function<FieldValues, M> factory) {
            this.factory = factory;
            return this;
        }

        public ModelSchema<M> build() {
            return new ModelSchema<>(this);
        }
    }
}
