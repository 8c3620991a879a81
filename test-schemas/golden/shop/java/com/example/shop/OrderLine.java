package com.example.shop;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Non-model type {@code OrderLine}, stored inside the models that use it.
 */
@Generated("dev.datastore4j.codegen")
public record OrderLine(String sku, Integer quantity, Double price) {
    /**
     * Metadata the runtime reads and builds {@code OrderLine} values through.
     */
    public static final EmbeddedSchema<OrderLine> SCHEMA = EmbeddedSchema.of("OrderLine",
            OrderLine.class, () -> List.of(OrderLine.SKU, OrderLine.QUANTITY, OrderLine.PRICE),
            OrderLine::fromValues);

    /**
     * The field {@code sku}: {@code String!}.
     */
    public static final StringField<OrderLine> SKU = ModelField.ofString("sku", FieldType.STRING,
            OrderLine::sku, FieldFlag.REQUIRED);

    /**
     * The field {@code quantity}: {@code Int!}.
     */
    public static final ComparableField<OrderLine, Integer> QUANTITY = ModelField.ofComparable(
            "quantity", FieldType.INT, OrderLine::quantity, FieldFlag.REQUIRED);

    /**
     * The field {@code price}: {@code Float!}.
     */
    public static final ComparableField<OrderLine, Double> PRICE = ModelField.ofComparable("price",
            FieldType.FLOAT, OrderLine::price, FieldFlag.REQUIRED);

    public OrderLine {
        ModelChecks.required("OrderLine")
                .field("sku", sku)
                .field("quantity", quantity)
                .field("price", price)
                .check();
        ModelChecks.valid("OrderLine", "price", Scalar.FLOAT, price);
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

    private static OrderLine fromValues(FieldValues values) {
        return new OrderLine(
                values.get(SKU),
                values.get(QUANTITY),
                values.get(PRICE));
    }

    /**
     * Builds {@link OrderLine} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String sku;

        private Integer quantity;

        private Double price;

        private Builder() {
        }

        private Builder(OrderLine source) {
            this.sku = source.sku();
            this.quantity = source.quantity();
            this.price = source.price();
        }

        public Builder sku(String sku) {
            this.sku = sku;
            return this;
        }

        public Builder quantity(Integer quantity) {
            this.quantity = quantity;
            return this;
        }

        public Builder price(Double price) {
            this.price = price;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public OrderLine build() {
            return new OrderLine(sku, quantity, price);
        }
    }
}
