package com.example.relations;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
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
 * Model {@code Book}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Book(String id, String title, String shelfRoom, Integer shelfPosition,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Book> ID = ModelField.ofString("id", FieldType.ID, Book::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Book> TITLE = ModelField.ofString("title", FieldType.STRING,
            Book::title, FieldFlag.REQUIRED);

    /**
     * The field {@code shelfRoom}: {@code String}.
     */
    public static final StringField<Book> SHELF_ROOM = ModelField.ofString("shelfRoom",
            FieldType.STRING, Book::shelfRoom);

    /**
     * The field {@code shelfPosition}: {@code Int}.
     */
    public static final ComparableField<Book, Integer> SHELF_POSITION = ModelField.ofComparable(
            "shelfPosition", FieldType.INT, Book::shelfPosition);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Book, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Book::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Book, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Book::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Book} instances through.
     */
    public static final ModelSchema<Book> SCHEMA = ModelSchema.builder(Book.class, "Book", "Books")
            .fields(ID, TITLE, SHELF_ROOM, SHELF_POSITION, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .relationship(Relationship.belongsTo("shelf", "Shelf", List.of("shelfRoom",
                            "shelfPosition")))
            .operations(new ModelOperations("getBook", "listBooks", "syncBooks", "createBook",
                    "updateBook", "deleteBook", "onCreateBook", "onUpdateBook", "onDeleteBook"))
            .factory(Book::fromValues)
            .build();

    public Book {
        ModelChecks.required("Book")
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
     * The related {@code Shelf}, loaded only when asked for.
     */
    public ModelReference<Shelf> shelf() {
        return ModelReference.of(Shelf.SCHEMA, shelfRoom == null || shelfPosition == null ? null :
                Shelf.ROOM.eq(shelfRoom).and(Shelf.POSITION.eq(shelfPosition)));
    }

    private static Book fromValues(FieldValues values) {
        return new Book(
                values.get(ID),
                values.get(TITLE),
                values.get(SHELF_ROOM),
                values.get(SHELF_POSITION),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Book} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String title;

        private String shelfRoom;

        private Integer shelfPosition;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Book source) {
            this.id = source.id();
            this.title = source.title();
            this.shelfRoom = source.shelfRoom();
            this.shelfPosition = source.shelfPosition();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder shelfRoom(String shelfRoom) {
            this.shelfRoom = shelfRoom;
            return this;
        }

        public Builder shelfPosition(Integer shelfPosition) {
            this.shelfPosition = shelfPosition;
            return this;
        }

        /**
         * Sets {@code shelfRoom}, {@code shelfPosition} from the key of {@code shelf}; null clears it.
         */
        public Builder shelf(Shelf shelf) {
            this.shelfRoom = shelf == null ? null : shelf.room();
            this.shelfPosition = shelf == null ? null : shelf.position();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Book build() {
            return new Book(id, title, shelfRoom, shelfPosition, createdAt, updatedAt);
        }
    }
}
