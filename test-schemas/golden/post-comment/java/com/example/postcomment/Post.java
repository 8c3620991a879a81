package com.example.postcomment;

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
 * Model {@code Post}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Post(String id, String title, Integer rating, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Post> ID = ModelField.ofString("id", FieldType.ID, Post::id,
            FieldFlag.REQUIRED);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Post> TITLE = ModelField.ofString("title", FieldType.STRING,
            Post::title, FieldFlag.REQUIRED);

    /**
     * The field {@code rating}: {@code Int}.
     */
    public static final ComparableField<Post, Integer> RATING = ModelField.ofComparable("rating",
            FieldType.INT, Post::rating);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Post, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Post::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Post, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Post::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Post} instances through.
     */
    public static final ModelSchema<Post> SCHEMA = ModelSchema.builder(Post.class, "Post", "Posts")
            .fields(ID, TITLE, RATING, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .relationship(Relationship.hasMany("comments", "Comment", List.of("postCommentsId")))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getPost", "listPosts", "syncPosts", "createPost",
                    "updatePost", "deletePost", "onCreatePost", "onUpdatePost", "onDeletePost"))
            .factory(Post::fromValues)
            .build();

    public Post {
        ModelChecks.required("Post")
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

    /**
     * The {@code Comment} children of this model, queried only when loaded.
     */
    public HasMany<Comment> comments() {
        return HasMany.of(Comment.SCHEMA, Comment.POST_COMMENTS_ID.eq(id));
    }

    private static Post fromValues(FieldValues values) {
        return new Post(
                values.get(ID),
                values.get(TITLE),
                values.get(RATING),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Post} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String title;

        private Integer rating;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Post source) {
            this.id = source.id();
            this.title = source.title();
            this.rating = source.rating();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder rating(Integer rating) {
            this.rating = rating;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Post build() {
            return new Post(id, title, rating, createdAt, updatedAt);
        }
    }
}
