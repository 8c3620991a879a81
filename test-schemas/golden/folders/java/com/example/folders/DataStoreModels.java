package com.example.folders;

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
    public static final String VERSION = "b85e90e503fce9c1ffe484102ba1d42a";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Folder.SCHEMA));

    private DataStoreModels() {
    }
}
