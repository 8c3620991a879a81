package com.example.relations;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * A car names the engine it has in fields of its own.
 *
 * <p>Model {@code Car}; key: {@code vin}.
 */
@Generated("dev.datastore4j.codegen")
public record Car(String vin, String engineMaker, String engineCode, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code vin}: {@code ID!}.
     */
    public static final StringField<Car> VIN = ModelField.ofString("vin", FieldType.ID, Car::vin,
            FieldFlag.REQUIRED);

    /**
     * The field {@code engineMaker}: {@code String}.
     */
    public static final StringField<Car> ENGINE_MAKER = ModelField.ofString("engineMaker",
            FieldType.STRING, Car::engineMaker);

    /**
     * The field {@code engineCode}: {@code String}.
     */
    public static final StringField<Car> ENGINE_CODE = ModelField.ofString("engineCode",
            FieldType.STRING, Car::engineCode);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Car, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Car::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Car, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Car::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Car} instances through.
     */
    public static final ModelSchema<Car> SCHEMA = ModelSchema.builder(Car.class, "Car", "Cars")
            .fields(VIN, ENGINE_MAKER, ENGINE_CODE, CREATED_AT, UPDATED_AT)
            .primaryKey(VIN)
            .relationship(Relationship.hasOne("engine", "Engine", List.of("engineMaker",
                            "engineCode")))
            .operations(new ModelOperations("getCar", "listCars", "syncCars", "createCar",
                    "updateCar", "deleteCar", "onCreateCar", "onUpdateCar", "onDeleteCar"))
            .factory(Car::fromValues)
            .build();

    public Car {
        ModelChecks.required("Car")
                .field("vin", vin)
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
     * The related {@code Engine}, loaded only when asked for.
     */
    public ModelReference<Engine> engine() {
        return ModelReference.of(Engine.SCHEMA, engineMaker == null || engineCode == null ? null :
                Engine.MAKER.eq(engineMaker).and(Engine.CODE.eq(engineCode)));
    }

    private static Car fromValues(FieldValues values) {
        return new Car(
                values.get(VIN),
                values.get(ENGINE_MAKER),
                values.get(ENGINE_CODE),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Car} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String vin;

        private String engineMaker;

        private String engineCode;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Car source) {
            this.vin = source.vin();
            this.engineMaker = source.engineMaker();
            this.engineCode = source.engineCode();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder vin(String vin) {
            this.vin = vin;
            return this;
        }

        public Builder engineMaker(String engineMaker) {
            this.engineMaker = engineMaker;
            return this;
        }

        public Builder engineCode(String engineCode) {
            this.engineCode = engineCode;
            return this;
        }

        /**
         * Sets {@code engineMaker}, {@code engineCode} from the key of {@code engine}; null clears it.
         */
        public Builder engine(Engine engine) {
            this.engineMaker = engine == null ? null : engine.maker();
            this.engineCode = engine == null ? null : engine.code();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Car build() {
            return new Car(vin, engineMaker, engineCode, createdAt, updatedAt);
        }
    }
}
