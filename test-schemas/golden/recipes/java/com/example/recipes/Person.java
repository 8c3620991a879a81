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
 * Model {@code Person}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Person(String id, String name, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Person> ID = ModelField.ofString("id", FieldType.ID, Person::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Person> NAME = ModelField.ofString("name", FieldType.STRING,
            Person::name, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Person, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Person::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Person, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Person::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Person} instances through.
     */
    public static final ModelSchema<Person> SCHEMA = ModelSchema.builder(Person.class, "Person",
            "People")
            .fields(ID, NAME, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("recipes", "Recipe", List.of("personRecipesId")))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getPerson", "listPeople", "syncPeople", "createPerson",
                    "updatePerson", "deletePerson", "onCreatePerson", "onUpdatePerson",
                    "onDeletePerson"))
            .factory(Person::fromValues)
            .build();

    public Person {
        ModelChecks.required("Person")
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
     * The {@code Recipe} children of this model, queried only when loaded.
     */
    public HasMany<Recipe> recipes() {
        return HasMany.of(Recipe.SCHEMA, Recipe.PERSON_RECIPES_ID.eq(id));
    }

    private static Person fromValues(FieldValues values) {
        return new Person(
                values.get(ID),
                values.get(NAME),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Person} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Person source) {
            this.id = source.id();
            this.name = source.name();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
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
        public Person build() {
            return new Person(id, name, createdAt, updatedAt);
        }
    }
}
