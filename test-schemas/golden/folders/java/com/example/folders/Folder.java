package com.example.folders;

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
 * Model {@code Folder}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Folder(String id, String name, Panel layout, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String folderChildrenId) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Folder> ID = ModelField.ofString("id", FieldType.ID, Folder::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Folder> NAME = ModelField.ofString("name", FieldType.STRING,
            Folder::name, FieldFlag.REQUIRED);

    /**
     * The field {@code layout}: {@code Panel}.
     */
    public static final ModelField<Folder, Panel> LAYOUT = ModelField.of("layout",
            FieldType.embedded(Panel.SCHEMA), Folder::layout);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Folder, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Folder::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Folder, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Folder::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code folderChildrenId}: {@code ID}.
     */
    public static final StringField<Folder> FOLDER_CHILDREN_ID = ModelField.ofString(
            "folderChildrenId", FieldType.ID, Folder::folderChildrenId);

    /**
     * Metadata the runtime reads and builds {@code Folder} instances through.
     */
    public static final ModelSchema<Folder> SCHEMA = ModelSchema.builder(Folder.class, "Folder",
            "Folders")
            .fields(ID, NAME, LAYOUT, CREATED_AT, UPDATED_AT, FOLDER_CHILDREN_ID)
            .primaryKey(ID)
            .relationship(Relationship.belongsTo("parent", "Folder", List.of("folderChildrenId")))
            .relationship(Relationship.hasMany("children", "Folder", List.of("folderChildrenId")))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getFolder", "listFolders", "syncFolders",
                    "createFolder", "updateFolder", "deleteFolder", "onCreateFolder",
                    "onUpdateFolder", "onDeleteFolder"))
            .factory(Folder::fromValues)
            .build();

    public Folder {
        ModelChecks.required("Folder")
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
     * The related {@code Folder}, loaded only when asked for.
     */
    public ModelReference<Folder> parent() {
        return ModelReference.of(Folder.SCHEMA, folderChildrenId == null ? null :
                Folder.ID.eq(folderChildrenId));
    }

    /**
     * The {@code Folder} children of this model, queried only when loaded.
     */
    public HasMany<Folder> children() {
        return HasMany.of(Folder.SCHEMA, Folder.FOLDER_CHILDREN_ID.eq(id));
    }

    private static Folder fromValues(FieldValues values) {
        return new Folder(
                values.get(ID),
                values.get(NAME),
                values.get(LAYOUT),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(FOLDER_CHILDREN_ID));
    }

    /**
     * Builds {@link Folder} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name;

        private Panel layout;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String folderChildrenId;

        private Builder() {
        }

        private Builder(Folder source) {
            this.id = source.id();
            this.name = source.name();
            this.layout = source.layout();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.folderChildrenId = source.folderChildrenId();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder layout(Panel layout) {
            this.layout = layout;
            return this;
        }

        public Builder folderChildrenId(String folderChildrenId) {
            this.folderChildrenId = folderChildrenId;
            return this;
        }

        /**
         * Sets {@code folderChildrenId} from the key of {@code parent}; null clears it.
         */
        public Builder parent(Folder parent) {
            this.folderChildrenId = parent == null ? null : parent.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Folder build() {
            return new Folder(id, name, layout, createdAt, updatedAt, folderChildrenId);
        }
    }
}
