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
    public static final String VERSION = "74173b12871e5553e4580b5e9e0312a9";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Product.SCHEMA,
            Customer.SCHEMA,
            Order.SCHEMA,
            LoyaltyCard.SCHEMA));

    private DataStoreModels() {
    }
}
