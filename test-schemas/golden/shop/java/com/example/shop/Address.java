package com.example.shop;

import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.StringField;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Non-model type {@code Address}, stored inside the models that use it.
 */
@Generated("dev.datastore4j.codegen")
public record Address(String street, String city, String zip, String country) {
    /**
     * Metadata the runtime reads and builds {@code Address} values through.
     */
    public static final EmbeddedSchema<Address> SCHEMA = EmbeddedSchema.of("Address", Address.class,
            () -> List.of(Address.STREET, Address.CITY, Address.ZIP, Address.COUNTRY),
            Address::fromValues);

    /**
     * The field {@code street}: {@code String!}.
     */
    public static final StringField<Address> STREET = ModelField.ofString("street",
            FieldType.STRING, Address::street, FieldFlag.REQUIRED);

    /**
     * The field {@code city}: {@code String!}.
     */
    public static final StringField<Address> CITY = ModelField.ofString("city", FieldType.STRING,
            Address::city, FieldFlag.REQUIRED);

    /**
     * The field {@code zip}: {@code String}.
     */
    public static final StringField<Address> ZIP = ModelField.ofString("zip", FieldType.STRING,
            Address::zip);

    /**
     * The field {@code country}: {@code String}.
     */
    public static final StringField<Address> COUNTRY = ModelField.ofString("country",
            FieldType.STRING, Address::country);

    public Address {
        ModelChecks.required("Address")
                .field("street", street)
                .field("city", city)
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

    private static Address fromValues(FieldValues values) {
        return new Address(
                values.get(STREET),
                values.get(CITY),
                values.get(ZIP),
                values.get(COUNTRY));
    }

    /**
     * Builds {@link Address} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String street;

        private String city;

        private String zip;

        private String country;

        private Builder() {
        }

        private Builder(Address source) {
            this.street = source.street();
            this.city = source.city();
            this.zip = source.zip();
            this.country = source.country();
        }

        public Builder street(String street) {
            this.street = street;
            return this;
        }

        public Builder city(String city) {
            this.city = city;
            return this;
        }

        public Builder zip(String zip) {
            this.zip = zip;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Address build() {
            return new Address(street, city, zip, country);
        }
    }
}
