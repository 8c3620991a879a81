package com.example.todo;

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
    public static final String VERSION = "53e8359d20286a82e3bf8427598299fd";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            TodoList.SCHEMA,
            Todo.SCHEMA));

    private DataStoreModels() {
    }
}
