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
 * An album, keyed by its artist and title; its tracks hold its key in fields the schema does not declare.
 *
 * <p>Model {@code Album}; key: {@code artist, title}.
 */
@Generated("dev.datastore4j.codegen")
public record Album(String artist, String title, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code artist}: {@code String!}.
     */
    public static final StringField<Album> ARTIST = ModelField.ofString("artist", FieldType.STRING,
            Album::artist, FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Album> TITLE = ModelField.ofString("title", FieldType.STRING,
            Album::title, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Album, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Album::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Album, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Album::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Album} instances through.
     */
    public static final ModelSchema<Album> SCHEMA = ModelSchema.builder(Album.class, "Album",
            "Albums")
            .fields(ARTIST, TITLE, CREATED_AT, UPDATED_AT)
            .primaryKey(ARTIST, TITLE)
            .relationship(Relationship.hasMany("tracks", "Track", List.of("albumTracksArtist",
                            "albumTracksTitle")))
            .operations(new ModelOperations("getAlbum", "listAlbums", "syncAlbums", "createAlbum",
                    "updateAlbum", "deleteAlbum", "onCreateAlbum", "onUpdateAlbum",
                    "onDeleteAlbum"))
            .factory(Album::fromValues)
            .build();

    public Album {
        ModelChecks.required("Album")
                .field("artist", artist)
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
     * This instance's composite primary key.
     */
    public Identifier identifier() {
        return new Identifier(artist, title);
    }

    /**
     * The {@code Track} children of this model, queried only when loaded.
     */
    public HasMany<Track> tracks() {
        return HasMany.of(Track.SCHEMA,
                Track.ALBUM_TRACKS_ARTIST.eq(artist).and(Track.ALBUM_TRACKS_TITLE.eq(title)));
    }

    private static Album fromValues(FieldValues values) {
        return new Album(
                values.get(ARTIST),
                values.get(TITLE),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * The composite primary key of {@code Album}.
     */
    public record Identifier(String artist, String title) implements ModelIdentifier<Album> {
        public Identifier {
            ModelChecks.required("Album.Identifier")
                    .field("artist", artist)
                    .field("title", title)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(artist, title);
        }
    }

    /**
     * Builds {@link Album} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String artist;

        private String title;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Album source) {
            this.artist = source.artist();
            this.title = source.title();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder artist(String artist) {
            this.artist = artist;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Album build() {
            return new Album(artist, title, createdAt, updatedAt);
        }
    }
}
