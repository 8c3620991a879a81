package com.example.postcomment;

import dev.datastore4j.model.AuthRule;
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
 * Model {@code Comment}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Comment(String id, String content, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String postCommentsId) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Comment> ID = ModelField.ofString("id", FieldType.ID,
            Comment::id, FieldFlag.REQUIRED);

    /**
     * The field {@code content}: {@code String!}.
     */
    public static final StringField<Comment> CONTENT = ModelField.ofString("content",
            FieldType.STRING, Comment::content, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Comment, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Comment::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Comment, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Comment::updatedAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code postCommentsId}: {@code ID}.
     */
    public static final StringField<Comment> POST_COMMENTS_ID = ModelField.ofString(
            "postCommentsId", FieldType.ID, Comment::postCommentsId);

    /**
     * Metadata the runtime reads and builds {@code Comment} instances through.
     */
    public static final ModelSchema<Comment> SCHEMA = ModelSchema.builder(Comment.class, "Comment",
            "Comments")
            .fields(ID, CONTENT, CREATED_AT, UPDATED_AT, POST_COMMENTS_ID)
            .primaryKey(ID)
            .relationship(Relationship.belongsTo("post", "Post", List.of("postCommentsId")))
            .authRules(AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)))
            .operations(new ModelOperations("getComment", "listComments", "syncComments",
                    "createComment", "updateComment", "deleteComment", "onCreateComment",
                    "onUpdateComment", "onDeleteComment"))
            .factory(Comment::fromValues)
            .build();

    public Comment {
        ModelChecks.required("Comment")
                .field("id", id)
                .field("content", content)
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
     * The related {@code Post}, loaded only when asked for.
     */
    public ModelReference<Post> post() {
        return ModelReference.of(Post.SCHEMA, postCommentsId == null ? null :
                Post.ID.eq(postCommentsId));
    }

    private static Comment fromValues(FieldValues values) {
        return new Comment(
                values.get(ID),
                values.get(CONTENT),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(POST_COMMENTS_ID));
    }

    /**
     * Builds {@link Comment} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String content;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String postCommentsId;

        private Builder() {
        }

        private Builder(Comment source) {
            this.id = source.id();
            this.content = source.content();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.postCommentsId = source.postCommentsId();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder content(String content) {
            this.content = content;
            return this;
        }

        public Builder postCommentsId(String postCommentsId) {
            this.postCommentsId = postCommentsId;
            return this;
        }

        /**
         * Sets {@code postCommentsId} from the key of {@code post}; null clears it.
         */
        public Builder post(Post post) {
            this.postCommentsId = post == null ? null : post.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Comment build() {
            return new Comment(id, content, createdAt, updatedAt, postCommentsId);
        }
    }
}
