package com.example.todo;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.EqualityField;
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
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Todo}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Todo(String id, String listId, String description, Boolean done, Priority priority,
        LocalDate due, LocalTime remindAt, String privateNote, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String owner) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Todo> ID = ModelField.ofString("id", FieldType.ID, Todo::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code listId}: {@code ID!}.
     */
    public static final StringField<Todo> LIST_ID = ModelField.ofString("listId", FieldType.ID,
            Todo::listId, FieldFlag.REQUIRED);

    /**
     * The field {@code description}: {@code String!}.
     */
    public static final StringField<Todo> DESCRIPTION = ModelField.ofString("description",
            FieldType.STRING, Todo::description, FieldFlag.REQUIRED);

    /**
     * The field {@code done}: {@code Boolean!}; default false.
     */
    public static final EqualityField<Todo, Boolean> DONE = ModelField.ofEquality("done",
            FieldType.BOOLEAN, Todo::done, FieldFlag.REQUIRED);

    /**
     * The field {@code priority}: {@code Priority}; default NORMAL.
     */
    public static final EqualityField<Todo, Priority> PRIORITY = ModelField.ofEquality("priority",
            FieldType.ofEnum("Priority", Priority.class, Priority.values()), Todo::priority);

    /**
     * The field {@code due}: {@code AWSDate}.
     */
    public static final ComparableField<Todo, LocalDate> DUE = ModelField.ofComparable("due",
            FieldType.AWS_DATE, Todo::due);

    /**
     * The field {@code remindAt}: {@code AWSTime}.
     */
    public static final ComparableField<Todo, LocalTime> REMIND_AT = ModelField.ofComparable(
            "remindAt", FieldType.AWS_TIME, Todo::remindAt);

    /**
     * The field {@code privateNote}: {@code String}.
     */
    public static final StringField<Todo> PRIVATE_NOTE = ModelField.ofString("privateNote",
            FieldType.STRING, Todo::privateNote);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Todo, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Todo::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Todo, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Todo::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code owner}: {@code String}.
     */
    public static final StringField<Todo> OWNER = ModelField.ofString("owner", FieldType.STRING,
            Todo::owner);

    /**
     * Metadata the runtime reads and builds {@code Todo} instances through.
     */
    public static final ModelSchema<Todo> SCHEMA = ModelSchema.builder(Todo.class, "Todo", "Todos")
            .fields(ID, LIST_ID, DESCRIPTION, DONE, PRIORITY, DUE, REMIND_AT, PRIVATE_NOTE,
                    CREATED_AT, UPDATED_AT, OWNER)
            .primaryKey(ID)
            .defaultValue(DONE, false)
            .defaultValue(PRIORITY, Priority.NORMAL)
            .relationship(Relationship.belongsTo("list", "TodoList", List.of("listId")))
            .authRules(AuthRule.owner(AuthRule.Provider.USER_POOLS, "owner", "sub",
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)),
                    AuthRule.groups(AuthRule.Provider.USER_POOLS, "cognito:groups", List.of("Admin",
                                    "Support"), null, List.of(AuthRule.Operation.READ)))
            .fieldAuthRules("privateNote", AuthRule.owner(AuthRule.Provider.USER_POOLS, "owner",
                            "sub", List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getTodo", "listTodos", "syncTodos", "createTodo",
                    "updateTodo", "deleteTodo", "onCreateTodo", "onUpdateTodo", "onDeleteTodo"))
            .factory(Todo::fromValues)
            .build();

    public Todo {
        ModelChecks.required("Todo")
                .field("id", id)
                .field("listId", listId)
                .field("description", description)
                .field("done", done)
                .check();
        ModelChecks.valid("Todo", "due", Scalar.AWS_DATE, due);
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
     * The related {@code TodoList}, loaded only when asked for.
     */
    public ModelReference<TodoList> list() {
        return ModelReference.of(TodoList.SCHEMA, listId == null ? null : TodoList.ID.eq(listId));
    }

    private static Todo fromValues(FieldValues values) {
        return new Todo(
                values.get(ID),
                values.get(LIST_ID),
                values.get(DESCRIPTION),
                values.get(DONE),
                values.get(PRIORITY),
                values.get(DUE),
                values.get(REMIND_AT),
                values.get(PRIVATE_NOTE),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(OWNER));
    }

    /**
     * Builds {@link Todo} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String listId;

        private String description;

        private Boolean done = false;

        private Priority priority = Priority.NORMAL;

        private LocalDate due;

        private LocalTime remindAt;

        private String privateNote;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String owner;

        private Builder() {
        }

        private Builder(Todo source) {
            this.id = source.id();
            this.listId = source.listId();
            this.description = source.description();
            this.done = source.done();
            this.priority = source.priority();
            this.due = source.due();
            this.remindAt = source.remindAt();
            this.privateNote = source.privateNote();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.owner = source.owner();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder listId(String listId) {
            this.listId = listId;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder done(Boolean done) {
            this.done = done;
            return this;
        }

        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        public Builder due(LocalDate due) {
            this.due = due;
            return this;
        }

        public Builder remindAt(LocalTime remindAt) {
            this.remindAt = remindAt;
            return this;
        }

        public Builder privateNote(String privateNote) {
            this.privateNote = privateNote;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Sets {@code listId} from the key of {@code list}; null clears it.
         */
        public Builder list(TodoList list) {
            this.listId = list == null ? null : list.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Todo build() {
            return new Todo(id, listId, description, done, priority, due, remindAt, privateNote,
                    createdAt, updatedAt, owner);
        }
    }
}
