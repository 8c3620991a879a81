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
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Transfer}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Transfer(String id, Double amount, String senderId, String recipientId,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Transfer> ID = ModelField.ofString("id", FieldType.ID,
            Transfer::id, FieldFlag.REQUIRED);

    /**
     * The field {@code amount}: {@code Float!}.
     */
    public static final ComparableField<Transfer, Double> AMOUNT = ModelField.ofComparable("amount",
            FieldType.FLOAT, Transfer::amount, FieldFlag.REQUIRED);

    /**
     * The field {@code senderId}: {@code ID!}.
     */
    public static final StringField<Transfer> SENDER_ID = ModelField.ofString("senderId",
            FieldType.ID, Transfer::senderId, FieldFlag.REQUIRED);

    /**
     * The field {@code recipientId}: {@code ID!}.
     */
    public static final StringField<Transfer> RECIPIENT_ID = ModelField.ofString("recipientId",
            FieldType.ID, Transfer::recipientId, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Transfer, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Transfer::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Transfer, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Transfer::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Transfer} instances through.
     */
    public static final ModelSchema<Transfer> SCHEMA = ModelSchema.builder(Transfer.class,
            "Transfer", "Transfers")
            .fields(ID, AMOUNT, SENDER_ID, RECIPIENT_ID, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .index(new IndexInfo("bySender", List.of("senderId"), "transfersBySenderId"))
            .index(new IndexInfo("byRecipient", List.of("recipientId"), "transfersByRecipientId"))
            .relationship(Relationship.belongsTo("sender", "Account", List.of("senderId")))
            .relationship(Relationship.belongsTo("recipient", "Account", List.of("recipientId")))
            .operations(new ModelOperations("getTransfer", "listTransfers", "syncTransfers",
                    "createTransfer", "updateTransfer", "deleteTransfer", "onCreateTransfer",
                    "onUpdateTransfer", "onDeleteTransfer"))
            .factory(Transfer::fromValues)
            .build();

    public Transfer {
        ModelChecks.required("Transfer")
                .field("id", id)
                .field("amount", amount)
                .field("senderId", senderId)
                .field("recipientId", recipientId)
                .check();
        ModelChecks.valid("Transfer", "amount", Scalar.FLOAT, amount);
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
     * The related {@code Account}, loaded only when asked for.
     */
    public ModelReference<Account> sender() {
        return ModelReference.of(Account.SCHEMA, senderId == null ? null : Account.ID.eq(senderId));
    }

    /**
     * The related {@code Account}, loaded only when asked for.
     */
    public ModelReference<Account> recipient() {
        return ModelReference.of(Account.SCHEMA, recipientId == null ? null :
                Account.ID.eq(recipientId));
    }

    private static Transfer fromValues(FieldValues values) {
        return new Transfer(
                values.get(ID),
                values.get(AMOUNT),
                values.get(SENDER_ID),
                values.get(RECIPIENT_ID),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Transfer} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private Double amount;

        private String senderId;

        private String recipientId;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Transfer source) {
            this.id = source.id();
            this.amount = source.amount();
            this.senderId = source.senderId();
            this.recipientId = source.recipientId();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder amount(Double amount) {
            this.amount = amount;
            return this;
        }

        public Builder senderId(String senderId) {
            this.senderId = senderId;
            return this;
        }

        public Builder recipientId(String recipientId) {
            this.recipientId = recipientId;
            return this;
        }

        /**
         * Sets {@code senderId} from the key of {@code sender}; null clears it.
         */
        public Builder sender(Account sender) {
            this.senderId = sender == null ? null : sender.id();
            return this;
        }

        /**
         * Sets {@code recipientId} from the key of {@code recipient}; null clears it.
         */
        public Builder recipient(Account recipient) {
            this.recipientId = recipient == null ? null : recipient.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Transfer build() {
            return new Transfer(id, amount, senderId, recipientId, createdAt, updatedAt);
        }
    }
}
