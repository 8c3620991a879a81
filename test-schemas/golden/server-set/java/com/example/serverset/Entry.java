package com.example.serverset;

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
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import dev.datastore4j.model.Timestamps;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * A log entry listed by day in the order written: required timestamps of its own, which a new entry starts with.
 *
 * <p>Model {@code Entry}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Entry(String id, String day, String text, OffsetDateTime createdAt,
        String updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Entry> ID = ModelField.ofString("id", FieldType.ID, Entry::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code day}: {@code String!}.
     */
    public static final StringField<Entry> DAY = ModelField.ofString("day", FieldType.STRING,
            Entry::day, FieldFlag.REQUIRED);

    /**
     * The field {@code text}: {@code String}.
     */
    public static final StringField<Entry> TEXT = ModelField.ofString("text", FieldType.STRING,
            Entry::text);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Entry, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Entry::createdAt, FieldFlag.REQUIRED);

    /**
     * The field {@code updatedAt}: {@code String!}.
     */
    public static final StringField<Entry> UPDATED_AT = ModelField.ofString("updatedAt",
            FieldType.STRING, Entry::updatedAt, FieldFlag.REQUIRED);

    /**
     * Metadata the runtime reads and builds {@code Entry} instances through.
     */
    public static final ModelSchema<Entry> SCHEMA = ModelSchema.builder(Entry.class, "Entry",
            "Entries")
            .fields(ID, DAY, TEXT, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .index(new IndexInfo("byDay", List.of("day", "createdAt"), "entriesByDay"))
            .operations(new ModelOperations("getEntry", "listEntries", "syncEntries", "createEntry",
                    "updateEntry", "deleteEntry", "onCreateEntry", "onUpdateEntry",
                    "onDeleteEntry"))
            .factory(Entry::fromValues)
            .build();

    public Entry {
        ModelChecks.required("Entry")
                .field("id", id)
                .field("day", day)
                .field("createdAt", createdAt)
                .field("updatedAt", updatedAt)
                .check();
        ModelChecks.valid("Entry", "createdAt", Scalar.AWS_DATE_TIME, createdAt);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this instance's values, but for {@code updatedAt}, which starts as the
     * time of building, as in a new builder: the record it builds is a change of this one.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static Entry fromValues(FieldValues values) {
        return new Entry(
                values.get(ID),
                values.get(DAY),
                values.get(TEXT),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Entry} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String day;

        private String text;

        private OffsetDateTime createdAt = Timestamps.now();

        private String updatedAt = Timestamps.nowText();

        private Builder() {
        }

        private Builder(Entry source) {
            this.id = source.id();
            this.day = source.day();
            this.text = source.text();
            this.createdAt = source.createdAt();
            // updatedAt starts as the time of building, not the source's: what is built is a change
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder day(String day) {
            this.day = day;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder createdAt(OffsetDateTime createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(String updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Entry build() {
            return new Entry(id, day, text, createdAt, updatedAt);
        }
    }
}
