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
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Product}; key: {@code sku}.
 */
@Generated("dev.datastore4j.codegen")
public record Product(String sku, String name, Double price, List<Double> ratings, Boolean inStock,
        LocalDate available, LocalTime opens, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code sku}: {@code String!}.
     */
    public static final StringField<Product> SKU = ModelField.ofString("sku", FieldType.STRING,
            Product::sku, FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Product> NAME = ModelField.ofString("name", FieldType.STRING,
            Product::name, FieldFlag.REQUIRED);

    /**
     * The field {@code price}: {@code Float!}.
     */
    public static final ComparableField<Product, Double> PRICE = ModelField.ofComparable("price",
            FieldType.FLOAT, Product::price, FieldFlag.REQUIRED);

    /**
     * The field {@code ratings}: {@code [Float!]}.
     */
    public static final ListField<Product, Double> RATINGS = ModelField.ofList("ratings",
            FieldType.listOf(FieldType.FLOAT, true), Product::ratings);

    /**
     * The field {@code inStock}: {@code Boolean}.
     */
    public static final EqualityField<Product, Boolean> IN_STOCK = ModelField.ofEquality("inStock",
            FieldType.BOOLEAN, Product::inStock);

    /**
     * The field {@code available}: {@code AWSDate}.
     */
    public static final ComparableField<Product, LocalDate> AVAILABLE = ModelField.ofComparable(
            "available", FieldType.AWS_DATE, Product::available);

    /**
     * The field {@code opens}: {@code AWSTime}.
     */
    public static final ComparableField<Product, LocalTime> OPENS = ModelField.ofComparable("opens",
            FieldType.AWS_TIME, Product::opens);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Product, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Product::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Product, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Product::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Product} instances through.
     */
    public static final ModelSchema<Product> SCHEMA = ModelSchema.builder(Product.class, "Product",
            "Products")
            .fields(SKU, NAME, PRICE, RATINGS, IN_STOCK, AVAILABLE, OPENS, CREATED_AT, UPDATED_AT)
            .primaryKey(SKU)
            .index(new IndexInfo("productsByName", List.of("name"), "productsByName"))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.READ)),
                    AuthRule.groups(AuthRule.Provider.USER_POOLS, "cognito:groups",
                            List.of("Staff"), null, List.of(AuthRule.Operation.CREATE,
                                    AuthRule.Operation.UPDATE, AuthRule.Operation.DELETE,
                                    AuthRule.Operation.READ)))
            .operations(new ModelOperations("getProduct", "listProducts", "syncProducts",
                    "createProduct", "updateProduct", "deleteProduct", "onCreateProduct",
                    "onUpdateProduct", "onDeleteProduct"))
            .factory(Product::fromValues)
            .build();

    public Product {
        ModelChecks.required("Product")
                .field("sku", sku)
                .field("name", name)
                .field("price", price)
                .check();
        ModelChecks.valid("Product", "price", Scalar.FLOAT, price);
        ratings = ModelChecks.immutableList("Product", "ratings", ratings, true);
        ModelChecks.valid("Product", "ratings", Scalar.FLOAT, ratings);
        ModelChecks.valid("Product", "available", Scalar.AWS_DATE, available);
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

    private static Product fromValues(FieldValues values) {
        return new Product(
                values.get(SKU),
                values.get(NAME),
                values.get(PRICE),
                values.get(RATINGS),
                values.get(IN_STOCK),
                values.get(AVAILABLE),
                values.get(OPENS),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Product} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String sku;

        private String name;

        private Double price;

        private List<Double> ratings;

        private Boolean inStock;

        private LocalDate available;

        private LocalTime opens;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Product source) {
            this.sku = source.sku();
            this.name = source.name();
            this.price = source.price();
            this.ratings = source.ratings();
            this.inStock = source.inStock();
            this.available = source.available();
            this.opens = source.opens();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder sku(String sku) {
            this.sku = sku;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder price(Double price) {
            this.price = price;
            return this;
        }

        public Builder ratings(List<Double> ratings) {
            this.ratings = ratings;
            return this;
        }

        public Builder inStock(Boolean inStock) {
            this.inStock = inStock;
            return this;
        }

        public Builder available(LocalDate available) {
            this.available = available;
            return this;
        }

        public Builder opens(LocalTime opens) {
            this.opens = opens;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Product build() {
            return new Product(sku, name, price, ratings, inStock, available, opens, createdAt,
                    updatedAt);
        }
    }
}
