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
 * A playlist finds its entries through an index of theirs, by both fields of its key.
 *
 * <p>Model {@code Playlist}; key: {@code owner, name}.
 */
@Generated("dev.datastore4j.codegen")
public record Playlist(String owner, String name, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code owner}: {@code String!}.
     */
    public static final StringField<Playlist> OWNER = ModelField.ofString("owner", FieldType.STRING,
            Playlist::owner, FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Playlist> NAME = ModelField.ofString("name", FieldType.STRING,
            Playlist::name, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Playlist, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Playlist::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Playlist, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Playlist::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Playlist} instances through.
     */
    public static final ModelSchema<Playlist> SCHEMA = ModelSchema.builder(Playlist.class,
            "Playlist", "Playlists")
            .fields(OWNER, NAME, CREATED_AT, UPDATED_AT)
            .primaryKey(OWNER, NAME)
            .relationship(Relationship.hasMany("entries", "Entry", List.of("playlistOwner",
                            "playlistName")))
            .operations(new ModelOperations("getPlaylist", "listPlaylists", "syncPlaylists",
                    "createPlaylist", "updatePlaylist", "deletePlaylist", "onCreatePlaylist",
                    "onUpdatePlaylist", "onDeletePlaylist"))
            .factory(Playlist::fromValues)
            .build();

    public Playlist {
        ModelChecks.required("Playlist")
                .field("owner", owner)
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
     * This instance's composite primary key.
     */
    public Identifier identifier() {
        return new Identifier(owner, name);
    }

    /**
     * The {@code Entry} children of this model, queried only when loaded.
     * They come sorted by {@code position}, then by key.
     */
    public HasMany<Entry> entries() {
        return HasMany.of(Entry.SCHEMA,
                Entry.PLAYLIST_OWNER.eq(owner).and(Entry.PLAYLIST_NAME.eq(name)),
                List.of(Entry.POSITION.ascending()));
    }

    private static Playlist fromValues(FieldValues values) {
        return new Playlist(
                values.get(OWNER),
                values.get(NAME),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * The composite primary key of {@code Playlist}.
     */
    public record Identifier(String owner, String name) implements ModelIdentifier<Playlist> {
        public Identifier {
            ModelChecks.required("Playlist.Identifier")
                    .field("owner", owner)
                    .field("name", name)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(owner, name);
        }
    }

    /**
     * Builds {@link Playlist} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String owner;

        private String name;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Playlist source) {
            this.owner = source.owner();
            this.name = source.name();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Playlist build() {
            return new Playlist(owner, name, createdAt, updatedAt);
        }
    }
}
