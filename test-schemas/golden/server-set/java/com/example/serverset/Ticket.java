package com.example.serverset;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import javax.annotation.processing.Generated;

/**
 * A ticket numbered by its desk: a create gives the number, as no id can be made for an Int.
 *
 * <p>Model {@code Ticket}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Ticket(Integer id, String title, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code Int!}.
     */
    public static final ComparableField<Ticket, Integer> ID = ModelField.ofComparable("id",
            FieldType.INT, Ticket::id, FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Ticket> TITLE = ModelField.ofString("title", FieldType.STRING,
            Ticket::title, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Ticket, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Ticket::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Ticket, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Ticket::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Ticket} instances through.
     */
    public static final ModelSchema<Ticket> SCHEMA = ModelSchema.builder(Ticket.class, "Ticket",
            "Tickets")
            .fields(ID, TITLE, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .operations(new ModelOperations("getTicket", "listTickets", "syncTickets",
                    "createTicket", "updateTicket", "deleteTicket", "onCreateTicket",
                    "onUpdateTicket", "onDeleteTicket"))
            .factory(Ticket::fromValues)
            .build();

    public Ticket {
        ModelChecks.required("Ticket")
                .field("id", id)
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

    private static Ticket fromValues(FieldValues values) {
        return new Ticket(
                values.get(ID),
                values.get(TITLE),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Ticket} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private Integer id;

        private String title;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Ticket source) {
            this.id = source.id();
            this.title = source.title();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Ticket build() {
            return new Ticket(id, title, createdAt, updatedAt);
        }
    }
}
