package com.example.shop;

import dev.datastore4j.model.ModelRegistry;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * All models of the schema, parents before children, for opening a store or a sync.
 */
@Generated("dev.datastore4j.codegen")
public final class DataStoreModels {
    /**
     * Hash of everything the store and the sync protocol depend on; it changes when they change.
     */
    public static final String VERSION = "c93d5d6caada7206774a8192ff7f15ad";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Product.SCHEMA,
            Customer.SCHEMA,
            Order.SCHEMA,
            LoyaltyCard.SCHEMA));

    private DataStoreModels() {
    }
}
