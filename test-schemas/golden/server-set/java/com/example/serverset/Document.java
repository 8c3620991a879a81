package com.example.serverset;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.ListField;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * A document owned by every editor in it, and read by the groups it names.
 *
 * <p>Model {@code Document}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Document(String id, String title, String status, OffsetDateTime createdAt,
        List<String> editors, List<String> readers, OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Document> ID = ModelField.ofString("id", FieldType.ID,
            Document::id, FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Document> TITLE = ModelField.ofString("title", FieldType.STRING,
            Document::title, FieldFlag.REQUIRED);

    /**
     * The field {@code status}: {@code String!}.
     */
    public static final StringField<Document> STATUS = ModelField.ofString("status",
            FieldType.STRING, Document::status, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime}.
     */
    public static final ComparableField<Document, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Document::createdAt);

    /**
     * The field {@code editors}: {@code [String]}.
     */
    public static final ListField<Document, String> EDITORS = ModelField.ofList("editors",
            FieldType.listOf(FieldType.STRING, false), Document::editors);

    /**
     * The field {@code readers}: {@code [String!]}.
     */
    public static final ListField<Document, String> READERS = ModelField.ofList("readers",
            FieldType.listOf(FieldType.STRING, true), Document::readers);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Document, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Document::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Document} instances through.
     */
    public static final ModelSchema<Document> SCHEMA = ModelSchema.builder(Document.class,
            "Document", "Documents")
            .fields(ID, TITLE, STATUS, CREATED_AT, EDITORS, READERS, UPDATED_AT)
            .primaryKey(ID)
            .index(new IndexInfo("byStatus", List.of("status", "createdAt"), "documentsByStatus"))
            .authRules(AuthRule.owner(AuthRule.Provider.USER_POOLS, "editors", "sub::username",
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)),
                    AuthRule.groups(AuthRule.Provider.USER_POOLS, "cognito:groups", List.of(),
                            "readers", List.of(AuthRule.Operation.READ)))
            .operations(new ModelOperations("getDocument", "listDocuments", "syncDocuments",
                    "createDocument", "updateDocument", "deleteDocument", "onCreateDocument",
                    "onUpdateDocument", "onDeleteDocument"))
            .factory(Document::fromValues)
            .build();

    public Document {
        ModelChecks.required("Document")
                .field("id", id)
                .field("title", title)
                .field("status", status)
                .check();
        ModelChecks.valid("Document", "createdAt", Scalar.AWS_DATE_TIME, createdAt);
        editors = ModelChecks.immutableList("Document", "editors", editors, false);
        readers = ModelChecks.immutableList("Document", "readers", readers, true);
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

    private static Document fromValues(FieldValues values) {
        return new Document(
                values.get(ID),
                values.get(TITLE),
                values.get(STATUS),
                values.get(CREATED_AT),
                values.get(EDITORS),
                values.get(READERS),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Document} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String title;

        private String status;

        private OffsetDateTime createdAt;

        private List<String> editors;

        private List<String> readers;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Document source) {
            this.id = source.id();
            this.title = source.title();
            this.status = source.status();
            this.createdAt = source.createdAt();
            this.editors = source.editors();
            this.readers = source.readers();
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

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder createdAt(OffsetDateTime createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder editors(List<String> editors) {
            this.editors = editors;
            return this;
        }

        public Builder readers(List<String> readers) {
            this.readers = readers;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Document build() {
            return new Document(id, title, status, createdAt, editors, readers, updatedAt);
        }
    }
}
