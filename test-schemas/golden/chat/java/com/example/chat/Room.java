package com.example.chat;

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
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Room}; key: {@code id}.
 *
 * @param hostNotes Notes for the room's host alone: its creator, whom the server names in host.
 */
@Generated("dev.datastore4j.codegen")
public record Room(String id, String name, String topic, String hostNotes, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String host) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Room> ID = ModelField.ofString("id", FieldType.ID, Room::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Room> NAME = ModelField.ofString("name", FieldType.STRING,
            Room::name, FieldFlag.REQUIRED);

    /**
     * The field {@code topic}: {@code String}.
     */
    public static final StringField<Room> TOPIC = ModelField.ofString("topic", FieldType.STRING,
            Room::topic);

    /**
     * The field {@code hostNotes}: {@code String}.
     */
    public static final StringField<Room> HOST_NOTES = ModelField.ofString("hostNotes",
            FieldType.STRING, Room::hostNotes);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Room, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Room::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Room, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Room::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code host}: {@code String}.
     */
    public static final StringField<Room> HOST = ModelField.ofString("host", FieldType.STRING,
            Room::host);

    /**
     * Metadata the runtime reads and builds {@code Room} instances through.
     */
    public static final ModelSchema<Room> SCHEMA = ModelSchema.builder(Room.class, "Room", "Rooms")
            .fields(ID, NAME, TOPIC, HOST_NOTES, CREATED_AT, UPDATED_AT, HOST)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("messages", "Message", List.of("roomId")))
            .authRules(AuthRule.privateAccess(AuthRule.Provider.USER_POOLS,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .fieldAuthRules("hostNotes", AuthRule.owner(AuthRule.Provider.USER_POOLS, "host",
                            "sub::username", List.of(AuthRule.Operation.CREATE,
                                    AuthRule.Operation.UPDATE, AuthRule.Operation.DELETE,
                                    AuthRule.Operation.READ)))
            .operations(new ModelOperations("getRoom", "listRooms", "syncRooms", "createRoom",
                    "updateRoom", "deleteRoom", "onCreateRoom", "onUpdateRoom", "onDeleteRoom"))
            .factory(Room::fromValues)
            .build();

    public Room {
        ModelChecks.required("Room")
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
     * The {@code Message} children of this model, queried only when loaded.
     * They come sorted by {@code writtenAt}, then by key.
     */
    public HasMany<Message> messages() {
        return HasMany.of(Message.SCHEMA, Message.ROOM_ID.eq(id),
                List.of(Message.WRITTEN_AT.ascending()));
    }

    private static Room fromValues(FieldValues values) {
        return new Room(
                values.get(ID),
                values.get(NAME),
                values.get(TOPIC),
                values.get(HOST_NOTES),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(HOST));
    }

    /**
     * Builds {@link Room} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name;

        private String topic;

        private String hostNotes;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String host;

        private Builder() {
        }

        private Builder(Room source) {
            this.id = source.id();
            this.name = source.name();
            this.topic = source.topic();
            this.hostNotes = source.hostNotes();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.host = source.host();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /**
         * Notes for the room's host alone: its creator, whom the server names in host.
         */
        public Builder hostNotes(String hostNotes) {
            this.hostNotes = hostNotes;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Room build() {
            return new Room(id, name, topic, hostNotes, createdAt, updatedAt, host);
        }
    }
}
