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
 * A desk has one lamp and the lamp belongs to it, both keys left for the transformer to add.
 *
 * <p>Model {@code Desk}; key: {@code building, number}.
 */
@Generated("dev.datastore4j.codegen")
public record Desk(String building, Integer number, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String deskLampSerial, String deskLampModel) implements Model {
    /**
     * The field {@code building}: {@code String!}.
     */
    public static final StringField<Desk> BUILDING = ModelField.ofString("building",
            FieldType.STRING, Desk::building, FieldFlag.REQUIRED);

    /**
     * The field {@code number}: {@code Int!}.
     */
    public static final ComparableField<Desk, Integer> NUMBER = ModelField.ofComparable("number",
            FieldType.INT, Desk::number, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Desk, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Desk::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Desk, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Desk::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code deskLampSerial}: {@code ID}.
     */
    public static final StringField<Desk> DESK_LAMP_SERIAL = ModelField.ofString("deskLampSerial",
            FieldType.ID, Desk::deskLampSerial);

    /**
     * The field {@code deskLampModel}: {@code String}.
     */
    public static final StringField<Desk> DESK_LAMP_MODEL = ModelField.ofString("deskLampModel",
            FieldType.STRING, Desk::deskLampModel);

    /**
     * Metadata the runtime reads and builds {@code Desk} instances through.
     */
    public static final ModelSchema<Desk> SCHEMA = ModelSchema.builder(Desk.class, "Desk", "Desks")
            .fields(BUILDING, NUMBER, CREATED_AT, UPDATED_AT, DESK_LAMP_SERIAL, DESK_LAMP_MODEL)
            .primaryKey(BUILDING, NUMBER)
            .relationship(Relationship.hasOne("lamp", "Lamp", List.of("deskLampSerial",
                            "deskLampModel")))
            .operations(new ModelOperations("getDesk", "listDesks", "syncDesks", "createDesk",
                    "updateDesk", "deleteDesk", "onCreateDesk", "onUpdateDesk", "onDeleteDesk"))
            .factory(Desk::fromValues)
            .build();

    public Desk {
        ModelChecks.required("Desk")
                .field("building", building)
                .field("number", number)
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
        return new Identifier(building, number);
    }

    /**
     * The related {@code Lamp}, loaded only when asked for.
     */
    public ModelReference<Lamp> lamp() {
        return ModelReference.of(Lamp.SCHEMA,
                deskLampSerial == null || deskLampModel == null ? null :
                Lamp.SERIAL.eq(deskLampSerial).and(Lamp.MODEL.eq(deskLampModel)));
    }

    private static Desk fromValues(FieldValues values) {
        return new Desk(
                values.get(BUILDING),
                values.get(NUMBER),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(DESK_LAMP_SERIAL),
                values.get(DESK_LAMP_MODEL));
    }

    /**
     * The composite primary key of {@code Desk}.
     */
    public record Identifier(String building, Integer number) implements ModelIdentifier<Desk> {
        public Identifier {
            ModelChecks.required("Desk.Identifier")
                    .field("building", building)
                    .field("number", number)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(building, number);
        }
    }

    /**
     * Builds {@link Desk} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String building;

        private Integer number;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String deskLampSerial;

        private String deskLampModel;

        private Builder() {
        }

        private Builder(Desk source) {
            this.building = source.building();
            this.number = source.number();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.deskLampSerial = source.deskLampSerial();
            this.deskLampModel = source.deskLampModel();
        }

        public Builder building(String building) {
            this.building = building;
            return this;
        }

        public Builder number(Integer number) {
            this.number = number;
            return this;
        }

        public Builder deskLampSerial(String deskLampSerial) {
            this.deskLampSerial = deskLampSerial;
            return this;
        }

        public Builder deskLampModel(String deskLampModel) {
            this.deskLampModel = deskLampModel;
            return this;
        }

        /**
         * Sets {@code deskLampSerial}, {@code deskLampModel} from the key of {@code lamp}; null clears it.
         */
        public Builder lamp(Lamp lamp) {
            this.deskLampSerial = lamp == null ? null : lamp.serial();
            this.deskLampModel = lamp == null ? null : lamp.model();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Desk build() {
            return new Desk(building, number, createdAt, updatedAt, deskLampSerial, deskLampModel);
        }
    }
}
