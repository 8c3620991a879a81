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
    public static final String VERSION = "5ab86e01559abdea9bf8e292d42260bb";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Ticket.SCHEMA,
            Page.SCHEMA,
            Document.SCHEMA,
            Entry.SCHEMA));

    private DataStoreModels() {
    }
}
