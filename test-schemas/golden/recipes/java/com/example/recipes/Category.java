package com.example.recipes;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.StringField;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Category}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Category(String id, String label) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Category> ID = ModelField.ofString("id", FieldType.ID,
            Category::id, FieldFlag.REQUIRED);

    /**
     * The field {@code label}: {@code String!}.
     */
    public static final StringField<Category> LABEL = ModelField.ofString("label", FieldType.STRING,
            Category::label, FieldFlag.REQUIRED);

    /**
     * Metadata the runtime reads and builds {@code Category} instances through.
     */
    public static final ModelSchema<Category> SCHEMA = ModelSchema.builder(Category.class,
            "Category", "Categories")
            .fields(ID, LABEL)
            .primaryKey(ID)
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getCategory", "listCategories", "syncCategories",
                    "createCategory", "updateCategory", "deleteCategory", "onCreateCategory",
                    "onUpdateCategory", "onDeleteCategory"))
            .factory(Category::fromValues)
            .build();

    public Category {
        ModelChecks.required("Category")
                .field("id", id)
                .field("label", label)
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

    private static Category fromValues(FieldValues values) {
        return new Category(
                values.get(ID),
                values.get(LABEL));
    }

    /**
     * Builds {@link Category} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String label;

        private Builder() {
        }

        private Builder(Category source) {
            this.id = source.id();
            this.label = source.label();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Category build() {
            return new Category(id, label);
        }
    }
}
