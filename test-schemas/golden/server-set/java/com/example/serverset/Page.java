package com.example.serverset;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import javax.annotation.processing.Generated;

/**
 * A page keyed by text the server makes when a create leaves it out, with renamed timestamps.
 *
 * <p>Model {@code Page}; key: {@code id}.
 *
 * @param created Kept as plain text, as many Amplify schemas keep their timestamps.
 */
@Generated("dev.datastore4j.codegen")
public record Page(String id, String title, String created,
        OffsetDateTime edited) implements Model {
    /**
     * The field {@code id}: {@code String!}.
     */
    public static final StringField<Page> ID = ModelField.ofString("id", FieldType.STRING, Page::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Page> TITLE = ModelField.ofString("title", FieldType.STRING,
            Page::title, FieldFlag.REQUIRED);

    /**
     * The field {@code created}: {@code String}.
     */
    public static final StringField<Page> CREATED = ModelField.ofString("created", FieldType.STRING,
            Page::created);

    /**
     * The field {@code edited}: {@code AWSDateTime}.
     */
    public static final ComparableField<Page, OffsetDateTime> EDITED = ModelField.ofComparable(
            "edited", FieldType.AWS_DATE_TIME, Page::edited);

    /**
     * Metadata the runtime reads and builds {@code Page} instances through.
     */
    public static final ModelSchema<Page> SCHEMA = ModelSchema.builder(Page.class, "Page", "Pages")
            .fields(ID, TITLE, CREATED, EDITED)
            .primaryKey(ID)
            .operations(new ModelOperations("getPage", "listPages", "syncPages", "createPage",
                    "updatePage", "deletePage", "onCreatePage", "onUpdatePage", "onDeletePage"))
            .factory(Page::fromValues)
            .build();

    public Page {
        ModelChecks.required("Page")
                .field("id", id)
                .field("title", title)
                .check();
        ModelChecks.valid("Page", "edited", Scalar.AWS_DATE_TIME, edited);
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

    private static Page fromValues(FieldValues values) {
        return new Page(
                values.get(ID),
                values.get(TITLE),
                values.get(CREATED),
                values.get(EDITED));
    }

    /**
     * Builds {@link Page} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id;

        private String title;

        private String created;

        private OffsetDateTime edited;

        private Builder() {
        }

        private Builder(Page source) {
            this.id = source.id();
            this.title = source.title();
            this.created = source.created();
            this.edited = source.edited();
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
         * Kept as plain text, as many Amplify schemas keep their timestamps.
         */
        public Builder created(String created) {
            this.created = created;
            return this;
        }

        public Builder edited(OffsetDateTime edited) {
            this.edited = edited;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Page build() {
            return new Page(id, title, created, edited);
        }
    }
}
