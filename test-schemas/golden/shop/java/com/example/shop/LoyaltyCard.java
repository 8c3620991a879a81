package com.example.shop;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code LoyaltyCard}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record LoyaltyCard(String id, Integer points, Instant issued, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String loyaltyCardCustomerEmail) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<LoyaltyCard> ID = ModelField.ofString("id", FieldType.ID,
            LoyaltyCard::id, FieldFlag.REQUIRED);

    /**
     * The field {@code points}: {@code Int!}; default 100.
     */
    public static final ComparableField<LoyaltyCard, Integer> POINTS = ModelField.ofComparable(
            "points", FieldType.INT, LoyaltyCard::points, FieldFlag.REQUIRED);

    /**
     * The field {@code issued}: {@code AWSTimestamp}.
     */
    public static final ComparableField<LoyaltyCard, Instant> ISSUED = ModelField.ofComparable(
            "issued", FieldType.AWS_TIMESTAMP, LoyaltyCard::issued);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<LoyaltyCard, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, LoyaltyCard::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<LoyaltyCard, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, LoyaltyCard::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code loyaltyCardCustomerEmail}: {@code AWSEmail}.
     */
    public static final StringField<LoyaltyCard> LOYALTY_CARD_CUSTOMER_EMAIL = ModelField.ofString(
            "loyaltyCardCustomerEmail", FieldType.AWS_EMAIL, LoyaltyCard::loyaltyCardCustomerEmail);

    /**
     * Metadata the runtime reads and builds {@code LoyaltyCard} instances through.
     */
    public static final ModelSchema<LoyaltyCard> SCHEMA = ModelSchema.builder(LoyaltyCard.class,
            "LoyaltyCard", "LoyaltyCards")
            .fields(ID, POINTS, ISSUED, CREATED_AT, UPDATED_AT, LOYALTY_CARD_CUSTOMER_EMAIL)
            .primaryKey(ID)
            .defaultValue(POINTS, 100)
            .relationship(Relationship.belongsTo("customer", "Customer",
                    List.of("loyaltyCardCustomerEmail")))
            .authRules(AuthRule.privateAccess(AuthRule.Provider.IAM,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getLoyaltyCard", "listLoyaltyCards",
                    "syncLoyaltyCards", "createLoyaltyCard", "updateLoyaltyCard",
                    "deleteLoyaltyCard", "onCreateLoyaltyCard", "onUpdateLoyaltyCard",
                    "onDeleteLoyaltyCard"))
            .factory(LoyaltyCard::fromValues)
            .build();

    public LoyaltyCard {
        ModelChecks.required("LoyaltyCard")
                .field("id", id)
                .field("points", points)
                .check();
        ModelChecks.valid("LoyaltyCard", "issued", Scalar.AWS_TIMESTAMP, issued);
        ModelChecks.valid("LoyaltyCard", "loyaltyCardCustomerEmail", Scalar.AWS_EMAIL,
                loyaltyCardCustomerEmail);
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
     * The related {@code Customer}, loaded only when asked for.
     */
    public ModelReference<Customer> customer() {
        return ModelReference.of(Customer.SCHEMA, loyaltyCardCustomerEmail == null ? null :
                Customer.EMAIL.eq(loyaltyCardCustomerEmail));
    }

    private static LoyaltyCard fromValues(FieldValues values) {
        return new LoyaltyCard(
                values.get(ID),
                values.get(POINTS),
                values.get(ISSUED),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(LOYALTY_CARD_CUSTOMER_EMAIL));
    }

    /**
     * Builds {@link LoyaltyCard} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private Integer points = 100;

        private Instant issued;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String loyaltyCardCustomerEmail;

        private Builder() {
        }

        private Builder(LoyaltyCard source) {
            this.id = source.id();
            this.points = source.points();
            this.issued = source.issued();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.loyaltyCardCustomerEmail = source.loyaltyCardCustomerEmail();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder points(Integer points) {
            this.points = points;
            return this;
        }

        public Builder issued(Instant issued) {
            this.issued = issued;
            return this;
        }

        public Builder loyaltyCardCustomerEmail(String loyaltyCardCustomerEmail) {
            this.loyaltyCardCustomerEmail = loyaltyCardCustomerEmail;
            return this;
        }

        /**
         * Sets {@code loyaltyCardCustomerEmail} from the key of {@code customer}; null clears it.
         */
        public Builder customer(Customer customer) {
            this.loyaltyCardCustomerEmail = customer == null ? null : customer.email();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public LoyaltyCard build() {
            return new LoyaltyCard(id, points, issued, createdAt, updatedAt,
                    loyaltyCardCustomerEmail);
        }
    }
}
