package com.example.todo;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.HasMany;
import dev.datastore4j.model.ListField;
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
 * Model {@code TodoList}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record TodoList(String id, String title, List<String> editors, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String owner) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<TodoList> ID = ModelField.ofString("id", FieldType.ID,
            TodoList::id, FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<TodoList> TITLE = ModelField.ofString("title", FieldType.STRING,
            TodoList::title, FieldFlag.REQUIRED);

    /**
     * The field {@code editors}: {@code [String]}.
     */
    public static final ListField<TodoList, String> EDITORS = ModelField.ofList("editors",
            FieldType.listOf(FieldType.STRING, false), TodoList::editors);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<TodoList, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, TodoList::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<TodoList, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, TodoList::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code owner}: {@code String}.
     */
    public static final StringField<TodoList> OWNER = ModelField.ofString("owner", FieldType.STRING,
            TodoList::owner);

    /**
     * Metadata the runtime reads and builds {@code TodoList} instances through.
     */
    public static final ModelSchema<TodoList> SCHEMA = ModelSchema.builder(TodoList.class,
            "TodoList", "TodoLists")
            .fields(ID, TITLE, EDITORS, CREATED_AT, UPDATED_AT, OWNER)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("todos", "Todo", List.of("listId")))
            .authRules(AuthRule.owner(AuthRule.Provider.USER_POOLS, "owner", "sub::username",
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)),
                    AuthRule.groups(AuthRule.Provider.USER_POOLS, "cognito:groups",
                            List.of("Admin"), null, List.of(AuthRule.Operation.CREATE,
                                    AuthRule.Operation.UPDATE, AuthRule.Operation.DELETE,
                                    AuthRule.Operation.READ)),
                    AuthRule.groups(AuthRule.Provider.USER_POOLS, "cognito:groups", List.of(),
                            "editors", List.of(AuthRule.Operation.READ, AuthRule.Operation.UPDATE)))
            .operations(new ModelOperations("getTodoList", "listTodoLists", "syncTodoLists",
                    "createTodoList", "updateTodoList", "deleteTodoList", "onCreateTodoList",
                    "onUpdateTodoList", "onDeleteTodoList"))
            .factory(TodoList::fromValues)
            .build();

    public TodoList {
        ModelChecks.required("TodoList")
                .field("id", id)
                .field("title", title)
                .check();
        editors = ModelChecks.immutableList("TodoList", "editors", editors, false);
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
     * The {@code Todo} children of this model, queried only when loaded.
     */
    public HasMany<Todo> todos() {
        return HasMany.of(Todo.SCHEMA, Todo.LIST_ID.eq(id));
    }

    private static TodoList fromValues(FieldValues values) {
        return new TodoList(
                values.get(ID),
                values.get(TITLE),
                values.get(EDITORS),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(OWNER));
    }

    /**
     * Builds {@link TodoList} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String title;

        private List<String> editors;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String owner;

        private Builder() {
        }

        private Builder(TodoList source) {
            this.id = source.id();
            this.title = source.title();
            this.editors = source.editors();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.owner = source.owner();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder editors(List<String> editors) {
            this.editors = editors;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public TodoList build() {
            return new TodoList(id, title, editors, createdAt, updatedAt, owner);
        }
    }
}
