package com.example.relations;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIdentifier;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Engine}; key: {@code maker, code}.
 */
@Generated("dev.datastore4j.codegen")
public record Engine(String maker, String code, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code maker}: {@code String!}.
     */
    public static final StringField<Engine> MAKER = ModelField.ofString("maker", FieldType.STRING,
            Engine::maker, FieldFlag.REQUIRED);

    /**
     * The field {@code code}: {@code String!}.
     */
    public static final StringField<Engine> CODE = ModelField.ofString("code", FieldType.STRING,
            Engine::code, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Engine, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Engine::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Engine, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Engine::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Engine} instances through.
     */
    public static final ModelSchema<Engine> SCHEMA = ModelSchema.builder(Engine.class, "Engine",
            "Engines")
            .fields(MAKER, CODE, CREATED_AT, UPDATED_AT)
            .primaryKey(MAKER, CODE)
            .operations(new ModelOperations("getEngine", "listEngines", "syncEngines",
                    "createEngine", "updateEngine", "deleteEngine", "onCreateEngine",
                    "onUpdateEngine", "onDeleteEngine"))
            .factory(Engine::fromValues)
            .build();

    public Engine {
        ModelChecks.required("Engine")
                .field("maker", maker)
                .field("code", code)
                .check();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this instance's values.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * This instance's composite primary key.
     */
    public Identifier identifier() {
        return new Identifier(maker, code);
    }

    private static Engine fromValues(FieldValues values) {
        return new Engine(
                values.get(MAKER),
                values.get(CODE),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * The composite primary key of {@code Engine}.
     */
    public record Identifier(String maker, String code) implements ModelIdentifier<Engine> {
        public Identifier {
            ModelChecks.required("Engine.Identifier")
                    .field("maker", maker)
                    .field("code", code)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(maker, code);
        }
    }

    /**
     * Builds {@link Engine} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String maker;

        private String code;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Engine source) {
            this.maker = source.maker();
            this.code = source.code();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder maker(String maker) {
            this.maker = maker;
            return this;
        }

        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Engine build() {
            return new Engine(maker, code, createdAt, updatedAt);
        }
    }
}
