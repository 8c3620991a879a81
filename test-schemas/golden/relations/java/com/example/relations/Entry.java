package com.example.relations;

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
 * Model {@code Entry}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Entry(String id, Integer position, String playlistOwner, String playlistName,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Entry> ID = ModelField.ofString("id", FieldType.ID, Entry::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code position}: {@code Int!}.
     */
    public static final ComparableField<Entry, Integer> POSITION = ModelField.ofComparable(
            "position", FieldType.INT, Entry::position, FieldFlag.REQUIRED);

    /**
     * The field {@code playlistOwner}: {@code String!}.
     */
    public static final StringField<Entry> PLAYLIST_OWNER = ModelField.ofString("playlistOwner",
            FieldType.STRING, Entry::playlistOwner, FieldFlag.REQUIRED);

    /**
     * The field {@code playlistName}: {@code String!}.
     */
    public static final StringField<Entry> PLAYLIST_NAME = ModelField.ofString("playlistName",
            FieldType.STRING, Entry::playlistName, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Entry, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Entry::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Entry, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Entry::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Entry} instances through.
     */
    public static final ModelSchema<Entry> SCHEMA = ModelSchema.builder(Entry.class, "Entry",
            "Entries")
            .fields(ID, POSITION, PLAYLIST_OWNER, PLAYLIST_NAME, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .index(new IndexInfo("byPlaylist", List.of("playlistOwner", "playlistName", "position"),
                    "entriesByPlaylistOwnerAndPlaylistNameAndPosition"))
            .relationship(Relationship.belongsTo("playlist", "Playlist", List.of("playlistOwner",
                            "playlistName")))
            .operations(new ModelOperations("getEntry", "listEntries", "syncEntries", "createEntry",
                    "updateEntry", "deleteEntry", "onCreateEntry", "onUpdateEntry",
                    "onDeleteEntry"))
            .factory(Entry::fromValues)
            .build();

    public Entry {
        ModelChecks.required("Entry")
                .field("id", id)
                .field("position", position)
                .field("playlistOwner", playlistOwner)
                .field("playlistName", playlistName)
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
     * The related {@code Playlist}, loaded only when asked for.
     */
    public ModelReference<Playlist> playlist() {
        return ModelReference.of(Playlist.SCHEMA,
                playlistOwner == null || playlistName == null ? null :
                Playlist.OWNER.eq(playlistOwner).and(Playlist.NAME.eq(playlistName)));
    }

    private static Entry fromValues(FieldValues values) {
        return new Entry(
                values.get(ID),
                values.get(POSITION),
                values.get(PLAYLIST_OWNER),
                values.get(PLAYLIST_NAME),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Entry} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private Integer position;

        private String playlistOwner;

        private String playlistName;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Entry source) {
            this.id = source.id();
            this.position = source.position();
            this.playlistOwner = source.playlistOwner();
            this.playlistName = source.playlistName();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder position(Integer position) {
            this.position = position;
            return this;
        }

        public Builder playlistOwner(String playlistOwner) {
            this.playlistOwner = playlistOwner;
            return this;
        }

        public Builder playlistName(String playlistName) {
            this.playlistName = playlistName;
            return this;
        }

        /**
         * Sets {@code playlistOwner}, {@code playlistName} from the key of {@code playlist}; null clears it.
         */
        public Builder playlist(Playlist playlist) {
            this.playlistOwner = playlist == null ? null : playlist.owner();
            this.playlistName = playlist == null ? null : playlist.name();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Entry build() {
            return new Entry(id, position, playlistOwner, playlistName, createdAt, updatedAt);
        }
    }
}
