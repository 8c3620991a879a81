package com.example.recipes;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.HasMany;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Ingredient}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Ingredient(String id, String name, OffsetDateTime addedOn) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Ingredient> ID = ModelField.ofString("id", FieldType.ID,
            Ingredient::id, FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Ingredient> NAME = ModelField.ofString("name", FieldType.STRING,
            Ingredient::name, FieldFlag.REQUIRED);

    /**
     * The field {@code addedOn}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Ingredient, OffsetDateTime> ADDED_ON = ModelField.ofComparable(
            "addedOn", FieldType.AWS_DATE_TIME, Ingredient::addedOn, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Ingredient} instances through.
     */
    public static final ModelSchema<Ingredient> SCHEMA = ModelSchema.builder(Ingredient.class,
            "Ingredient", "Ingredients")
            .fields(ID, NAME, ADDED_ON)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("recipes", "RecipeIngredients",
                    List.of("ingredientId")))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getIngredient", "listIngredients", "syncIngredients",
                    "createIngredient", "updateIngredient", "deleteIngredient",
                    "onCreateIngredient", "onUpdateIngredient", "onDeleteIngredient"))
            .factory(Ingredient::fromValues)
            .build();

    public Ingredient {
        ModelChecks.required("Ingredient")
                .field("id", id)
                .field("name", name)
                .check();
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

    /**
     * The {@code RecipeIngredients} children of this model, queried only when loaded.
     */
    public HasMany<RecipeIngredients> recipes() {
        return HasMany.of(RecipeIngredients.SCHEMA, RecipeIngredients.INGREDIENT_ID.eq(id));
    }

    private static Ingredient fromValues(FieldValues values) {
        return new Ingredient(
                values.get(ID),
                values.get(NAME),
                values.get(ADDED_ON));
    }

    /**
     * Builds {@link Ingredient} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name;

        private OffsetDateTime addedOn;

        private Builder() {
        }

        private Builder(Ingredient source) {
            this.id = source.id();
            this.name = source.name();
            this.addedOn = source.addedOn();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Ingredient build() {
            return new Ingredient(id, name, addedOn);
        }
    }
}
