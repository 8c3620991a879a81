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
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Recipe}; key: {@code id}.
 *
 * @param yield How much it makes, such as "4 servings".
 * @param importedFrom Where it was imported from, such as C:&#92;users&#92;ana&#92;recipes.txt (a backslash and a u in a
 * description: javac would read them as the start of a Unicode escape, even in a comment).
 */
@Generated("dev.datastore4j.codegen")
public record Recipe(String id, String title, String yield, String importedFrom,
        OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String personRecipesId) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Recipe> ID = ModelField.ofString("id", FieldType.ID, Recipe::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Recipe> TITLE = ModelField.ofString("title", FieldType.STRING,
            Recipe::title, FieldFlag.REQUIRED);

    /**
     * The field {@code yield}: {@code String}.
     */
    public static final StringField<Recipe> YIELD = ModelField.ofString("yield", FieldType.STRING,
            Recipe::yield);

    /**
     * The field {@code importedFrom}: {@code String}.
     */
    public static final StringField<Recipe> IMPORTED_FROM = ModelField.ofString("importedFrom",
            FieldType.STRING, Recipe::importedFrom);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Recipe, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Recipe::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Recipe, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Recipe::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code personRecipesId}: {@code ID}.
     */
    public static final StringField<Recipe> PERSON_RECIPES_ID = ModelField.ofString(
            "personRecipesId", FieldType.ID, Recipe::personRecipesId);

    /**
     * Metadata the runtime reads and builds {@code Recipe} instances through.
     */
    public static final ModelSchema<Recipe> SCHEMA = ModelSchema.builder(Recipe.class, "Recipe",
            "Recipes")
            .fields(ID, TITLE, YIELD, IMPORTED_FROM, CREATED_AT, UPDATED_AT, PERSON_RECIPES_ID)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("ingredients", "RecipeIngredients",
                    List.of("recipeId")))
            .relationship(Relationship.belongsTo("author", "Person", List.of("personRecipesId")))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getRecipe", "listRecipes", "syncRecipes",
                    "createRecipe", "updateRecipe", "deleteRecipe", "onCreateRecipe",
                    "onUpdateRecipe", "onDeleteRecipe"))
            .factory(Recipe::fromValues)
            .build();

    public Recipe {
        ModelChecks.required("Recipe")
                .field("id", id)
                .field("title", title)
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
    public HasMany<RecipeIngredients> ingredients() {
        return HasMany.of(RecipeIngredients.SCHEMA, RecipeIngredients.RECIPE_ID.eq(id));
    }

    /**
     * The related {@code Person}, loaded only when asked for.
     */
    public ModelReference<Person> author() {
        return ModelReference.of(Person.SCHEMA, personRecipesId == null ? null :
                Person.ID.eq(personRecipesId));
    }

    private static Recipe fromValues(FieldValues values) {
        return new Recipe(
                values.get(ID),
                values.get(TITLE),
                values.get(YIELD),
                values.get(IMPORTED_FROM),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(PERSON_RECIPES_ID));
    }

    /**
     * Builds {@link Recipe} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String title;

        private String yield;

        private String importedFrom;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String personRecipesId;

        private Builder() {
        }

        private Builder(Recipe source) {
            this.id = source.id();
            this.title = source.title();
            this.yield = source.yield();
            this.importedFrom = source.importedFrom();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.personRecipesId = source.personRecipesId();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * How much it makes, such as "4 servings".
         */
        public Builder yield(String yield) {
            this.yield = yield;
            return this;
        }

        /**
         * Where it was imported from, such as C:&#92;users&#92;ana&#92;recipes.txt (a backslash and a u in a
         * description: javac would read them as the start of a Unicode escape, even in a comment).
         */
        public Builder importedFrom(String importedFrom) {
            this.importedFrom = importedFrom;
            return this;
        }

        public Builder personRecipesId(String personRecipesId) {
            this.personRecipesId = personRecipesId;
            return this;
        }

        /**
         * Sets {@code personRecipesId} from the key of {@code author}; null clears it.
         */
        public Builder author(Person author) {
            this.personRecipesId = author == null ? null : author.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Recipe build() {
            return new Recipe(id, title, yield, importedFrom, createdAt, updatedAt,
                    personRecipesId);
        }
    }
}
