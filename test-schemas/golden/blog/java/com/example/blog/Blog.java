package com.example.blog;

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
 * A blog with posts and comments, readable by anyone, written by their owners.
 *
 * <p>Model {@code Blog}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Blog(String id, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String owner) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Blog> ID = ModelField.ofString("id", FieldType.ID, Blog::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Blog> NAME = ModelField.ofString("name", FieldType.STRING,
            Blog::name, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Blog, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Blog::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Blog, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Blog::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code owner}: {@code String}.
     */
    public static final StringField<Blog> OWNER = ModelField.ofString("owner", FieldType.STRING,
            Blog::owner);

    /**
     * Metadata the runtime reads and builds {@code Blog} instances through.
     */
    public static final ModelSchema<Blog> SCHEMA = ModelSchema.builder(Blog.class, "Blog", "Blogs")
            .fields(ID, NAME, CREATED_AT, UPDATED_AT, OWNER)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("posts", "Post", List.of("blogPostsId")))
            .authRules(AuthRule.owner(AuthRule.Provider.USER_POOLS, "owner", "sub::username",
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)),
                    AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.READ)))
            .operations(new ModelOperations("getBlog", "listBlogs", "syncBlogs", "createBlog",
                    "updateBlog", "deleteBlog", "onCreateBlog", "onUpdateBlog", "onDeleteBlog"))
            .factory(Blog::fromValues)
            .build();

    public Blog {
        ModelChecks.required("Blog")
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
     * Posts of this blog, newest first when listed by the app.
     *
     * The {@code Post} children of this model, queried only when loaded.
     */
    public HasMany<Post> posts() {
        return HasMany.of(Post.SCHEMA, Post.BLOG_POSTS_ID.eq(id));
    }

    private static Blog fromValues(FieldValues values) {
        return new Blog(
                values.get(ID),
                values.get(NAME),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(OWNER));
    }

    /**
     * Builds {@link Blog} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String owner;

        private Builder() {
        }

        private Builder(Blog source) {
            this.id = source.id();
            this.name = source.name();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.owner = source.owner();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Blog build() {
            return new Blog(id, name, createdAt, updatedAt, owner);
        }
    }
}
