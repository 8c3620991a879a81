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
 * Model {@code Track}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Track(String id, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String albumTracksArtist, String albumTracksTitle) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Track> ID = ModelField.ofString("id", FieldType.ID, Track::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Track> NAME = ModelField.ofString("name", FieldType.STRING,
            Track::name, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Track, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Track::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Track, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Track::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code albumTracksArtist}: {@code String}.
     */
    public static final StringField<Track> ALBUM_TRACKS_ARTIST = ModelField.ofString(
            "albumTracksArtist", FieldType.STRING, Track::albumTracksArtist);

    /**
     * The field {@code albumTracksTitle}: {@code String}.
     */
    public static final StringField<Track> ALBUM_TRACKS_TITLE = ModelField.ofString(
            "albumTracksTitle", FieldType.STRING, Track::albumTracksTitle);

    /**
     * Metadata the runtime reads and builds {@code Track} instances through.
     */
    public static final ModelSchema<Track> SCHEMA = ModelSchema.builder(Track.class, "Track",
            "Tracks")
            .fields(ID, NAME, CREATED_AT, UPDATED_AT, ALBUM_TRACKS_ARTIST, ALBUM_TRACKS_TITLE)
            .primaryKey(ID)
            .relationship(Relationship.belongsTo("album", "Album", List.of("albumTracksArtist",
                            "albumTracksTitle")))
            .operations(new ModelOperations("getTrack", "listTracks", "syncTracks", "createTrack",
                    "updateTrack", "deleteTrack", "onCreateTrack", "onUpdateTrack",
                    "onDeleteTrack"))
            .factory(Track::fromValues)
            .build();

    public Track {
        ModelChecks.required("Track")
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
     * The related {@code Album}, loaded only when asked for.
     */
    public ModelReference<Album> album() {
        return ModelReference.of(Album.SCHEMA,
                albumTracksArtist == null || albumTracksTitle == null ? null :
                Album.ARTIST.eq(albumTracksArtist).and(Album.TITLE.eq(albumTracksTitle)));
    }

    private static Track fromValues(FieldValues values) {
        return new Track(
                values.get(ID),
                values.get(NAME),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(ALBUM_TRACKS_ARTIST),
                values.get(ALBUM_TRACKS_TITLE));
    }

    /**
     * Builds {@link Track} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String albumTracksArtist;

        private String albumTracksTitle;

        private Builder() {
        }

        private Builder(Track source) {
            this.id = source.id();
            this.name = source.name();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.albumTracksArtist = source.albumTracksArtist();
            this.albumTracksTitle = source.albumTracksTitle();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder albumTracksArtist(String albumTracksArtist) {
            this.albumTracksArtist = albumTracksArtist;
            return this;
        }

        public Builder albumTracksTitle(String albumTracksTitle) {
            this.albumTracksTitle = albumTracksTitle;
            return this;
        }

        /**
         * Sets {@code albumTracksArtist}, {@code albumTracksTitle} from the key of {@code album}; null clears it.
         */
        public Builder album(Album album) {
            this.albumTracksArtist = album == null ? null : album.artist();
            this.albumTracksTitle = album == null ? null : album.title();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Track build() {
            return new Track(id, name, createdAt, updatedAt, albumTracksArtist, albumTracksTitle);
        }
    }
}
