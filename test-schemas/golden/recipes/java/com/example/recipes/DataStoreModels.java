package com.example.recipes;

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
    public static final String VERSION = "f4c1c822d1600cf8455da7009547252c";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Ingredient.SCHEMA,
            Person.SCHEMA,
            Recipe.SCHEMA,
            Category.SCHEMA,
            RecipeIngredients.SCHEMA));

    private DataStoreModels() {
    }
}
