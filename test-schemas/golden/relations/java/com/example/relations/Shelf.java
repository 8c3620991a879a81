package com.example.relations;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.HasMany;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIdentifier;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * A shelf and its books, related by references (Amplify's newer form).
 *
 * <p>Model {@code Shelf}; key: {@code room, position}.
 */
@Generated("dev.datastore4j.codegen")
public record Shelf(String room, Integer position, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code room}: {@code String!}.
     */
    public static final StringField<Shelf> ROOM = ModelField.ofString("room", FieldType.STRING,
            Shelf::room, FieldFlag.REQUIRED);

    /**
     * The field {@code position}: {@code Int!}.
     */
    public static final ComparableField<Shelf, Integer> POSITION = ModelField.ofComparable(
            "position", FieldType.INT, Shelf::position, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Shelf, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Shelf::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Shelf, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Shelf::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Shelf} instances through.
     */
    public static final ModelSchema<Shelf> SCHEMA = ModelSchema.builder(Shelf.class, "Shelf",
            "Shelves")
            .fields(ROOM, POSITION, CREATED_AT, UPDATED_AT)
            .primaryKey(ROOM, POSITION)
            .relationship(Relationship.hasMany("books", "Book", List.of("shelfRoom",
                            "shelfPosition")))
            .operations(new ModelOperations("getShelf", "listShelves", "syncShelves", "createShelf",
                    "updateShelf", "deleteShelf", "onCreateShelf", "onUpdateShelf",
                    "onDeleteShelf"))
            .factory(Shelf::fromValues)
            .build();

    public Shelf {
        ModelChecks.required("Shelf")
                .field("room", room)
                .field("position", position)
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
     * This instance's composite primary key.
     */
    public Identifier identifier() {
        return new Identifier(room, position);
    }

    /**
     * The {@code Book} children of this model, queried only when loaded.
     */
    public HasMany<Book> books() {
        return HasMany.of(Book.SCHEMA,
                Book.SHELF_ROOM.eq(room).and(Book.SHELF_POSITION.eq(position)));
    }

    private static Shelf fromValues(FieldValues values) {
        return new Shelf(
                values.get(ROOM),
                values.get(POSITION),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * The composite primary key of {@code Shelf}.
     */
    public record Identifier(String room, Integer position) implements ModelIdentifier<Shelf> {
        public Identifier {
            ModelChecks.required("Shelf.Identifier")
                    .field("room", room)
                    .field("position", position)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(room, position);
        }
    }

    /**
     * Builds {@link Shelf} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String room;

        private Integer position;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Shelf source) {
            this.room = source.room();
            this.position = source.position();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder room(String room) {
            this.room = room;
            return this;
        }

        public Builder position(Integer position) {
            this.position = position;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Shelf build() {
            return new Shelf(room, position, createdAt, updatedAt);
        }
    }
}
