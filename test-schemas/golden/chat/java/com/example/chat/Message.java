package com.example.chat;

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
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Message}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Message(String id, String roomId, OffsetDateTime writtenAt, String text,
        List<Attachment> attachments, String reactions, Instant clientTime, String author,
        OffsetDateTime sentAt, OffsetDateTime editedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Message> ID = ModelField.ofString("id", FieldType.ID,
            Message::id, FieldFlag.REQUIRED);

    /**
     * The field {@code roomId}: {@code ID!}.
     */
    public static final StringField<Message> ROOM_ID = ModelField.ofString("roomId", FieldType.ID,
            Message::roomId, FieldFlag.REQUIRED);

    /**
     * The field {@code writtenAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Message, OffsetDateTime> WRITTEN_AT = ModelField.ofComparable(
            "writtenAt", FieldType.AWS_DATE_TIME, Message::writtenAt, FieldFlag.REQUIRED);

    /**
     * The field {@code text}: {@code String!}.
     */
    public static final StringField<Message> TEXT = ModelField.ofString("text", FieldType.STRING,
            Message::text, FieldFlag.REQUIRED);

    /**
     * The field {@code attachments}: {@code [Attachment!]}.
     */
    public static final ListField<Message, Attachment> ATTACHMENTS = ModelField.ofList(
            "attachments", FieldType.listOf(FieldType.embedded(Attachment.SCHEMA), true),
            Message::attachments);

    /**
     * The field {@code reactions}: {@code AWSJSON}.
     */
    public static final StringField<Message> REACTIONS = ModelField.ofString("reactions",
            FieldType.AWS_JSON, Message::reactions);

    /**
     * The field {@code clientTime}: {@code AWSTimestamp}.
     */
    public static final ComparableField<Message, Instant> CLIENT_TIME = ModelField.ofComparable(
            "clientTime", FieldType.AWS_TIMESTAMP, Message::clientTime);

    /**
     * The field {@code author}: {@code String}.
     */
    public static final StringField<Message> AUTHOR = ModelField.ofString("author",
            FieldType.STRING, Message::author);

    /**
     * The field {@code sentAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Message, OffsetDateTime> SENT_AT = ModelField.ofComparable(
            "sentAt", FieldType.AWS_DATE_TIME, Message::sentAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code editedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Message, OffsetDateTime> EDITED_AT = ModelField.ofComparable(
            "editedAt", FieldType.AWS_DATE_TIME, Message::editedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Message} instances through.
     */
    public static final ModelSchema<Message> SCHEMA = ModelSchema.builder(Message.class, "Message",
            "Messages")
            .fields(ID, ROOM_ID, WRITTEN_AT, TEXT, ATTACHMENTS, REACTIONS, CLIENT_TIME, AUTHOR,
                    SENT_AT, EDITED_AT)
            .primaryKey(ID)
            .index(new IndexInfo("byRoom", List.of("roomId", "writtenAt"),
                    "messagesByRoomIdAndWrittenAt"))
            .relationship(Relationship.belongsTo("room", "Room", List.of("roomId")))
            .authRules(AuthRule.owner(AuthRule.Provider.USER_POOLS, "author", "sub::username",
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)),
                    AuthRule.privateAccess(AuthRule.Provider.USER_POOLS,
                            List.of(AuthRule.Operation.READ)))
            .operations(new ModelOperations("getMessage", "listMessages", "syncMessages",
                    "createMessage", "updateMessage", "deleteMessage", "onCreateMessage",
                    "onUpdateMessage", "onDeleteMessage"))
            .factory(Message::fromValues)
            .build();

    public Message {
        ModelChecks.required("Message")
                .field("id", id)
                .field("roomId", roomId)
                .field("writtenAt", writtenAt)
                .field("text", text)
                .check();
        ModelChecks.valid("Message", "writtenAt", Scalar.AWS_DATE_TIME, writtenAt);
        attachments = ModelChecks.immutableList("Message", "attachments", attachments, true);
        ModelChecks.valid("Message", "reactions", Scalar.AWS_JSON, reactions);
        ModelChecks.valid("Message", "clientTime", Scalar.AWS_TIMESTAMP, clientTime);
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
     * The related {@code Room}, loaded only when asked for.
     */
    public ModelReference<Room> room() {
        return ModelReference.of(Room.SCHEMA, roomId == null ? null : Room.ID.eq(roomId));
    }

    private static Message fromValues(FieldValues values) {
        return new Message(
                values.get(ID),
                values.get(ROOM_ID),
                values.get(WRITTEN_AT),
                values.get(TEXT),
                values.get(ATTACHMENTS),
                values.get(REACTIONS),
                values.get(CLIENT_TIME),
                values.get(AUTHOR),
                values.get(SENT_AT),
                values.get(EDITED_AT));
    }

    /**
     * Builds {@link Message} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String roomId;

        private OffsetDateTime writtenAt;

        private String text;

        private List<Attachment> attachments;

        private String reactions;

        private Instant clientTime;

        private String author;

        private OffsetDateTime sentAt;

        private OffsetDateTime editedAt;

        private Builder() {
        }

        private Builder(Message source) {
            this.id = source.id();
            this.roomId = source.roomId();
            this.writtenAt = source.writtenAt();
            this.text = source.text();
            this.attachments = source.attachments();
            this.reactions = source.reactions();
            this.clientTime = source.clientTime();
            this.author = source.author();
            this.sentAt = source.sentAt();
            this.editedAt = source.editedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder roomId(String roomId) {
            this.roomId = roomId;
            return this;
        }

        public Builder writtenAt(OffsetDateTime writtenAt) {
            this.writtenAt = writtenAt;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder attachments(List<Attachment> attachments) {
            this.attachments = attachments;
            return this;
        }

        public Builder reactions(String reactions) {
            this.reactions = reactions;
            return this;
        }

        public Builder clientTime(Instant clientTime) {
            this.clientTime = clientTime;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        /**
         * Sets {@code roomId} from the key of {@code room}; null clears it.
         */
        public Builder room(Room room) {
            this.roomId = room == null ? null : room.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Message build() {
            return new Message(id, roomId, writtenAt, text, attachments, reactions, clientTime,
                    author, sentAt, editedAt);
        }
    }
}
