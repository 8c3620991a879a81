package com.example.shop;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.HasMany;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Customer}; key: {@code email}.
 */
@Generated("dev.datastore4j.codegen")
public record Customer(String email, String name, String phone, String lastSeenFrom,
        Address address, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String customerLoyaltyId) implements Model {
    /**
     * The field {@code email}: {@code AWSEmail!}.
     */
    public static final StringField<Customer> EMAIL = ModelField.ofString("email",
            FieldType.AWS_EMAIL, Customer::email, FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Customer> NAME = ModelField.ofString("name", FieldType.STRING,
            Customer::name, FieldFlag.REQUIRED);

    /**
     * The field {@code phone}: {@code AWSPhone}.
     */
    public static final StringField<Customer> PHONE = ModelField.ofString("phone",
            FieldType.AWS_PHONE, Customer::phone);

    /**
     * The field {@code lastSeenFrom}: {@code AWSIPAddress}.
     */
    public static final StringField<Customer> LAST_SEEN_FROM = ModelField.ofString("lastSeenFrom",
            FieldType.AWS_IP_ADDRESS, Customer::lastSeenFrom);

    /**
     * The field {@code address}: {@code Address}.
     */
    public static final ModelField<Customer, Address> ADDRESS = ModelField.of("address",
            FieldType.embedded(Address.SCHEMA), Customer::address);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Customer, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Customer::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Customer, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Customer::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code customerLoyaltyId}: {@code ID}.
     */
    public static final StringField<Customer> CUSTOMER_LOYALTY_ID = ModelField.ofString(
            "customerLoyaltyId", FieldType.ID, Customer::customerLoyaltyId);

    /**
     * Metadata the runtime reads and builds {@code Customer} instances through.
     */
    public static final ModelSchema<Customer> SCHEMA = ModelSchema.builder(Customer.class,
            "Customer", "Customers")
            .fields(EMAIL, NAME, PHONE, LAST_SEEN_FROM, ADDRESS, CREATED_AT, UPDATED_AT,
                    CUSTOMER_LOYALTY_ID)
            .primaryKey(EMAIL)
            .relationship(Relationship.hasMany("orders", "Order", List.of("customerOrdersEmail")))
            .relationship(Relationship.hasOne("loyalty", "LoyaltyCard",
                    List.of("customerLoyaltyId")))
            .authRules(AuthRule.privateAccess(AuthRule.Provider.IAM,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)),
                    AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.READ)))
            .operations(new ModelOperations("getCustomer", "listCustomers", "syncCustomers",
                    "createCustomer", "updateCustomer", "deleteCustomer", "onCreateCustomer",
                    "onUpdateCustomer", "onDeleteCustomer"))
            .factory(Customer::fromValues)
            .build();

    public Customer {
        ModelChecks.required("Customer")
                .field("email", email)
                .field("name", name)
                .check();
        ModelChecks.valid("Customer", "email", Scalar.AWS_EMAIL, email);
        ModelChecks.valid("Customer", "phone", Scalar.AWS_PHONE, phone);
        ModelChecks.valid("Customer", "lastSeenFrom", Scalar.AWS_IP_ADDRESS, lastSeenFrom);
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
     * The {@code Order} children of this model, queried only when loaded.
     */
    public HasMany<Order> orders() {
        return HasMany.of(Order.SCHEMA, Order.CUSTOMER_ORDERS_EMAIL.eq(email));
    }

    /**
     * The related {@code LoyaltyCard}, loaded only when asked for.
     */
    public ModelReference<LoyaltyCard> loyalty() {
        return ModelReference.of(LoyaltyCard.SCHEMA, customerLoyaltyId == null ? null :
                LoyaltyCard.ID.eq(customerLoyaltyId));
    }

    private static Customer fromValues(FieldValues values) {
        return new Customer(
                values.get(EMAIL),
                values.get(NAME),
                values.get(PHONE),
                values.get(LAST_SEEN_FROM),
                values.get(ADDRESS),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(CUSTOMER_LOYALTY_ID));
    }

    /**
     * Builds {@link Customer} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String email;

        private String name;

        private String phone;

        private String lastSeenFrom;

        private Address address;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String customerLoyaltyId;

        private Builder() {
        }

        private Builder(Customer source) {
            this.email = source.email();
            this.name = source.name();
            this.phone = source.phone();
            this.lastSeenFrom = source.lastSeenFrom();
            this.address = source.address();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.customerLoyaltyId = source.customerLoyaltyId();
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder lastSeenFrom(String lastSeenFrom) {
            this.lastSeenFrom = lastSeenFrom;
            return this;
        }

        public Builder address(Address address) {
            this.address = address;
            return this;
        }

        public Builder customerLoyaltyId(String customerLoyaltyId) {
            this.customerLoyaltyId = customerLoyaltyId;
            return this;
        }

        /**
         * Sets {@code customerLoyaltyId} from the key of {@code loyalty}; null clears it.
         */
        public Builder loyalty(LoyaltyCard loyalty) {
            this.customerLoyaltyId = loyalty == null ? null : loyalty.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Customer build() {
            return new Customer(email, name, phone, lastSeenFrom, address, createdAt, updatedAt,
                    customerLoyaltyId);
        }
    }
}
