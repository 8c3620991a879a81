package com.example.shop;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.EqualityField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.ListField;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIdentifier;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Order}; key: {@code customerEmail, placedAt}.
 */
@Generated("dev.datastore4j.codegen")
public record Order(String customerEmail, OffsetDateTime placedAt, OrderStatus status, Double total,
        List<OrderLine> lines, Address shipTo, String metadata, URI receipt,
        OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String customerOrdersEmail) implements Model {
    /**
     * The field {@code customerEmail}: {@code AWSEmail!}.
     */
    public static final StringField<Order> CUSTOMER_EMAIL = ModelField.ofString("customerEmail",
            FieldType.AWS_EMAIL, Order::customerEmail, FieldFlag.REQUIRED);

    /**
     * The field {@code placedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Order, OffsetDateTime> PLACED_AT = ModelField.ofComparable(
            "placedAt", FieldType.AWS_DATE_TIME, Order::placedAt, FieldFlag.REQUIRED);

    /**
     * The field {@code status}: {@code OrderStatus!}.
     */
    public static final EqualityField<Order, OrderStatus> STATUS = ModelField.ofEquality("status",
            FieldType.ofEnum("OrderStatus", OrderStatus.class, OrderStatus.values()), Order::status,
            FieldFlag.REQUIRED);

    /**
     * The field {@code total}: {@code Float!}.
     */
    public static final ComparableField<Order, Double> TOTAL = ModelField.ofComparable("total",
            FieldType.FLOAT, Order::total, FieldFlag.REQUIRED);

    /**
     * The field {@code lines}: {@code [OrderLine!]!}.
     */
    public static final ListField<Order, OrderLine> LINES = ModelField.ofList("lines",
            FieldType.listOf(FieldType.embedded(OrderLine.SCHEMA), true), Order::lines,
            FieldFlag.REQUIRED);

    /**
     * The field {@code shipTo}: {@code Address}.
     */
    public static final ModelField<Order, Address> SHIP_TO = ModelField.of("shipTo",
            FieldType.embedded(Address.SCHEMA), Order::shipTo);

    /**
     * The field {@code metadata}: {@code AWSJSON}.
     */
    public static final StringField<Order> METADATA = ModelField.ofString("metadata",
            FieldType.AWS_JSON, Order::metadata);

    /**
     * The field {@code receipt}: {@code AWSURL}.
     */
    public static final EqualityField<Order, URI> RECEIPT = ModelField.ofEquality("receipt",
            FieldType.AWS_URL, Order::receipt);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Order, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Order::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Order, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Order::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code customerOrdersEmail}: {@code AWSEmail}.
     */
    public static final StringField<Order> CUSTOMER_ORDERS_EMAIL = ModelField.ofString(
            "customerOrdersEmail", FieldType.AWS_EMAIL, Order::customerOrdersEmail);

    /**
     * Metadata the runtime reads and builds {@code Order} instances through.
     */
    public static final ModelSchema<Order> SCHEMA = ModelSchema.builder(Order.class, "Order",
            "Orders")
            .fields(CUSTOMER_EMAIL, PLACED_AT, STATUS, TOTAL, LINES, SHIP_TO, METADATA, RECEIPT,
                    CREATED_AT, UPDATED_AT, CUSTOMER_ORDERS_EMAIL)
            .primaryKey(CUSTOMER_EMAIL, PLACED_AT)
            .index(new IndexInfo("byStatus", List.of("status", "placedAt"), "ordersByStatus"))
            .relationship(Relationship.belongsTo("customer", "Customer",
                    List.of("customerOrdersEmail")))
            .authRules(AuthRule.privateAccess(AuthRule.Provider.IAM,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("order", "orders", "syncOrders", "createOrder",
                    "updateOrder", "deleteOrder", "onCreateOrder", "onUpdateOrder",
                    "onDeleteOrder"))
            .factory(Order::fromValues)
            .build();

    public Order {
        ModelChecks.required("Order")
                .field("customerEmail", customerEmail)
                .field("placedAt", placedAt)
                .field("status", status)
                .field("total", total)
                .field("lines", lines)
                .check();
        ModelChecks.valid("Order", "customerEmail", Scalar.AWS_EMAIL, customerEmail);
        ModelChecks.valid("Order", "placedAt", Scalar.AWS_DATE_TIME, placedAt);
        ModelChecks.valid("Order", "total", Scalar.FLOAT, total);
        lines = ModelChecks.immutableList("Order", "lines", lines, true);
        ModelChecks.valid("Order", "metadata", Scalar.AWS_JSON, metadata);
        ModelChecks.valid("Order", "receipt", Scalar.AWS_URL, receipt);
        ModelChecks.valid("Order", "customerOrdersEmail", Scalar.AWS_EMAIL, customerOrdersEmail);
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
        return new Identifier(customerEmail, placedAt);
    }

    /**
     * The related {@code Customer}, loaded only when asked for.
     */
    public ModelReference<Customer> customer() {
        return ModelReference.of(Customer.SCHEMA, customerOrdersEmail == null ? null :
                Customer.EMAIL.eq(customerOrdersEmail));
    }

    private static Order fromValues(FieldValues values) {
        return new Order(
                values.get(CUSTOMER_EMAIL),
                values.get(PLACED_AT),
                values.get(STATUS),
                values.get(TOTAL),
                values.get(LINES),
                values.get(SHIP_TO),
                values.get(METADATA),
                values.get(RECEIPT),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(CUSTOMER_ORDERS_EMAIL));
    }

    /**
     * The composite primary key of {@code Order}.
     */
    public record Identifier(String customerEmail,
            OffsetDateTime placedAt) implements ModelIdentifier<Order> {
        public Identifier {
            ModelChecks.required("Order.Identifier")
                    .field("customerEmail", customerEmail)
                    .field("placedAt", placedAt)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(customerEmail, placedAt);
        }
    }

    /**
     * Builds {@link Order} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String customerEmail;

        private OffsetDateTime placedAt;

        private OrderStatus status;

        private Double total;

        private List<OrderLine> lines;

        private Address shipTo;

        private String metadata;

        private URI receipt;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String customerOrdersEmail;

        private Builder() {
        }

        private Builder(Order source) {
            this.customerEmail = source.customerEmail();
            this.placedAt = source.placedAt();
            this.status = source.status();
            this.total = source.total();
            this.lines = source.lines();
            this.shipTo = source.shipTo();
            this.metadata = source.metadata();
            this.receipt = source.receipt();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.customerOrdersEmail = source.customerOrdersEmail();
        }

        public Builder customerEmail(String customerEmail) {
            this.customerEmail = customerEmail;
            return this;
        }

        public Builder placedAt(OffsetDateTime placedAt) {
            this.placedAt = placedAt;
            return this;
        }

        public Builder status(OrderStatus status) {
            this.status = status;
            return this;
        }

        public Builder total(Double total) {
            this.total = total;
            return this;
        }

        public Builder lines(List<OrderLine> lines) {
            this.lines = lines;
            return this;
        }

        public Builder shipTo(Address shipTo) {
            this.shipTo = shipTo;
            return this;
        }

        public Builder metadata(String metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder receipt(URI receipt) {
            this.receipt = receipt;
            return this;
        }

        public Builder customerOrdersEmail(String customerOrdersEmail) {
            this.customerOrdersEmail = customerOrdersEmail;
            return this;
        }

        /**
         * Sets {@code customerOrdersEmail} from the key of {@code customer}; null clears it.
         */
        public Builder customer(Customer customer) {
            this.customerOrdersEmail = customer == null ? null : customer.email();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Order build() {
            return new Order(customerEmail, placedAt, status, total, lines, shipTo, metadata,
                    receipt, createdAt, updatedAt, customerOrdersEmail);
        }
    }
}
