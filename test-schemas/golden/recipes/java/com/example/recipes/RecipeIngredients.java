package com.example.recipes;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Join model that {@code @manyToMany} creates between its two sides.
 *
 * <p>Model {@code RecipeIngredients}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record RecipeIngredients(String id, String recipeId, String ingredientId,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<RecipeIngredients> ID = ModelField.ofString("id", FieldType.ID,
            RecipeIngredients::id, FieldFlag.REQUIRED);

    /**
     * The field {@code recipeId}: {@code ID!}.
     */
    public static final StringField<RecipeIngredients> RECIPE_ID = ModelField.ofString("recipeId",
            FieldType.ID, RecipeIngredients::recipeId, FieldFlag.REQUIRED);

    /**
     * The field {@code ingredientId}: {@code ID!}.
     */
    public static final StringField<RecipeIngredients> INGREDIENT_ID = ModelField.ofString(
            "ingredientId", FieldType.ID, RecipeIngredients::ingredientId, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<RecipeIngredients, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, RecipeIngredients::createdAt,
            FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<RecipeIngredients, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, RecipeIngredients::updatedAt,
            FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code RecipeIngredients} instances through.
     */
    public static final ModelSchema<RecipeIngredients> SCHEMA = ModelSchema.builder(RecipeIngredients.class,
            "RecipeIngredients", "RecipeIngredients")
            .fields(ID, RECIPE_ID, INGREDIENT_ID, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .index(new IndexInfo("byRecipe", List.of("recipeId"), "recipeIngredientsByRecipeId"))
            .index(new IndexInfo("byIngredient", List.of("ingredientId"),
                    "recipeIngredientsByIngredientId"))
            .relationship(Relationship.belongsTo("recipe", "Recipe", List.of("recipeId")))
            .relationship(Relationship.belongsTo("ingredient", "Ingredient",
                    List.of("ingredientId")))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getRecipeIngredients", "listRecipeIngredients",
                    "syncRecipeIngredients", "createRecipeIngredients", "updateRecipeIngredients",
                    "deleteRecipeIngredients", "onCreateRecipeIngredients",
                    "onUpdateRecipeIngredients", "onDeleteRecipeIngredients"))
            .factory(RecipeIngredients::fromValues)
            .build();

    public RecipeIngredients {
        ModelChecks.required("RecipeIngredients")
                .field("id", id)
                .field("recipeId", recipeId)
                .field("ingredientId", ingredientId)
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
     * The related {@code Recipe}, loaded only when asked for.
     */
    public ModelReference<Recipe> recipe() {
        return ModelReference.of(Recipe.SCHEMA, recipeId == null ? null : Recipe.ID.eq(recipeId));
    }

    /**
     * The related {@code Ingredient}, loaded only when asked for.
     */
    public ModelReference<Ingredient> ingredient() {
        return ModelReference.of(Ingredient.SCHEMA, ingredientId == null ? null :
                Ingredient.ID.eq(ingredientId));
    }

    private static RecipeIngredients fromValues(FieldValues values) {
        return new RecipeIngredients(
                values.get(ID),
                values.get(RECIPE_ID),
                values.get(INGREDIENT_ID),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link RecipeIngredients} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String recipeId;

        private String ingredientId;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(RecipeIngredients source) {
            this.id = source.id();
            this.recipeId = source.recipeId();
            this.ingredientId = source.ingredientId();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder recipeId(String recipeId) {
            this.recipeId = recipeId;
            return this;
        }

        public Builder ingredientId(String ingredientId) {
            this.ingredientId = ingredientId;
            return this;
        }

        /**
         * Sets {@code recipeId} from the key of {@code recipe}; null clears it.
         */
        public Builder recipe(Recipe recipe) {
            this.recipeId = recipe == null ? null : recipe.id();
            return this;
        }

        /**
         * Sets {@code ingredientId} from the key of {@code ingredient}; null clears it.
         */
        public Builder ingredient(Ingredient ingredient) {
            this.ingredientId = ingredient == null ? null : ingredient.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public RecipeIngredients build() {
            return new RecipeIngredients(id, recipeId, ingredientId, createdAt, updatedAt);
        }
    }
}
