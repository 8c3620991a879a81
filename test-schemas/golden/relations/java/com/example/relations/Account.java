package com.example.relations;

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
 * Two relationships to one model, each through an index of its own.
 *
 * <p>Model {@code Account}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Account(String id, String holder, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Account> ID = ModelField.ofString("id", FieldType.ID,
            Account::id, FieldFlag.REQUIRED);

    /**
     * The field {@code holder}: {@code String!}.
     */
    public static final StringField<Account> HOLDER = ModelField.ofString("holder",
            FieldType.STRING, Account::holder, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Account, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Account::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Account, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Account::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Account} instances through.
     */
    public static final ModelSchema<Account> SCHEMA = ModelSchema.builder(Account.class, "Account",
            "Accounts")
            .fields(ID, HOLDER, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("sent", "Transfer", List.of("senderId")))
            .relationship(Relationship.hasMany("received", "Transfer", List.of("recipientId")))
            .operations(new ModelOperations("getAccount", "listAccounts", "syncAccounts",
                    "createAccount", "updateAccount", "deleteAccount", "onCreateAccount",
                    "onUpdateAccount", "onDeleteAccount"))
            .factory(Account::fromValues)
            .build();

    public Account {
        ModelChecks.required("Account")
                .field("id", id)
                .field("holder", holder)
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
     * The {@code Transfer} children of this model, queried only when loaded.
     */
    public HasMany<Transfer> sent() {
        return HasMany.of(Transfer.SCHEMA, Transfer.SENDER_ID.eq(id));
    }

    /**
     * The {@code Transfer} children of this model, queried only when loaded.
     */
    public HasMany<Transfer> received() {
        return HasMany.of(Transfer.SCHEMA, Transfer.RECIPIENT_ID.eq(id));
    }

    private static Account fromValues(FieldValues values) {
        return new Account(
                values.get(ID),
                values.get(HOLDER),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Account} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String holder;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Account source) {
            this.id = source.id();
            this.holder = source.holder();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder holder(String holder) {
            this.holder = holder;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Account build() {
            return new Account(id, holder, createdAt, updatedAt);
        }
    }
}
