package com.example.serverset;

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
    public static final String VERSION = "aa6154f4032d5639ad941435ea30037c";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Ticket.SCHEMA,
            Page.SCHEMA,
            Document.SCHEMA));

    private DataStoreModels() {
    }
}
