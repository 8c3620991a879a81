package com.example.chat;

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
    public static final String VERSION = "bb76f73429a5990bb2f350fa1c19fcd1";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Room.SCHEMA,
            Message.SCHEMA));

    private DataStoreModels() {
    }
}
