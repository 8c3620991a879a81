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
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Lamp}; key: {@code serial, model}.
 */
@Generated("dev.datastore4j.codegen")
public record Lamp(String serial, String model, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String lampDeskBuilding, Integer lampDeskNumber) implements Model {
    /**
     * The field {@code serial}: {@code ID!}.
     */
    public static final StringField<Lamp> SERIAL = ModelField.ofString("serial", FieldType.ID,
            Lamp::serial, FieldFlag.REQUIRED);

    /**
     * The field {@code model}: {@code String!}.
     */
    public static final StringField<Lamp> MODEL = ModelField.ofString("model", FieldType.STRING,
            Lamp::model, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Lamp, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Lamp::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Lamp, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Lamp::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code lampDeskBuilding}: {@code String}.
     */
    public static final StringField<Lamp> LAMP_DESK_BUILDING = ModelField.ofString(
            "lampDeskBuilding", FieldType.STRING, Lamp::lampDeskBuilding);

    /**
     * The field {@code lampDeskNumber}: {@code Int}.
     */
    public static final ComparableField<Lamp, Integer> LAMP_DESK_NUMBER = ModelField.ofComparable(
            "lampDeskNumber", FieldType.INT, Lamp::lampDeskNumber);

    /**
     * Metadata the runtime reads and builds {@code Lamp} instances through.
     */
    public static final ModelSchema<Lamp> SCHEMA = ModelSchema.builder(Lamp.class, "Lamp", "Lamps")
            .fields(SERIAL, MODEL, CREATED_AT, UPDATED_AT, LAMP_DESK_BUILDING, LAMP_DESK_NUMBER)
            .primaryKey(SERIAL, MODEL)
            .relationship(Relationship.belongsTo("desk", "Desk", List.of("lampDeskBuilding",
                            "lampDeskNumber")))
            .operations(new ModelOperations("getLamp", "listLamps", "syncLamps", "createLamp",
                    "updateLamp", "deleteLamp", "onCreateLamp", "onUpdateLamp", "onDeleteLamp"))
            .factory(Lamp::fromValues)
            .build();

    public Lamp {
        ModelChecks.required("Lamp")
                .field("serial", serial)
                .field("model", model)
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
        return new Identifier(serial, model);
    }

    /**
     * The related {@code Desk}, loaded only when asked for.
     */
    public ModelReference<Desk> desk() {
        return ModelReference.of(Desk.SCHEMA,
                lampDeskBuilding == null || lampDeskNumber == null ? null :
                Desk.BUILDING.eq(lampDeskBuilding).and(Desk.NUMBER.eq(lampDeskNumber)));
    }

    private static Lamp fromValues(FieldValues values) {
        return new Lamp(
                values.get(SERIAL),
                values.get(MODEL),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(LAMP_DESK_BUILDING),
                values.get(LAMP_DESK_NUMBER));
    }

    /**
     * The composite primary key of {@code Lamp}.
     */
    public record Identifier(String serial, String model) implements ModelIdentifier<Lamp> {
        public Identifier {
            ModelChecks.required("Lamp.Identifier")
                    .field("serial", serial)
                    .field("model", model)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(serial, model);
        }
    }

    /**
     * Builds {@link Lamp} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String serial;

        private String model;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String lampDeskBuilding;

        private Integer lampDeskNumber;

        private Builder() {
        }

        private Builder(Lamp source) {
            this.serial = source.serial();
            this.model = source.model();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.lampDeskBuilding = source.lampDeskBuilding();
            this.lampDeskNumber = source.lampDeskNumber();
        }

        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder lampDeskBuilding(String lampDeskBuilding) {
            this.lampDeskBuilding = lampDeskBuilding;
            return this;
        }

        public Builder lampDeskNumber(Integer lampDeskNumber) {
            this.lampDeskNumber = lampDeskNumber;
            return this;
        }

        /**
         * Sets {@code lampDeskBuilding}, {@code lampDeskNumber} from the key of {@code desk}; null clears it.
         */
        public Builder desk(Desk desk) {
            this.lampDeskBuilding = desk == null ? null : desk.building();
            this.lampDeskNumber = desk == null ? null : desk.number();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Lamp build() {
            return new Lamp(serial, model, createdAt, updatedAt, lampDeskBuilding, lampDeskNumber);
        }
    }
}
