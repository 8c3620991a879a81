package com.example.blog;

import dev.datastore4j.model.AuthRule;
import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.EqualityField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.HasMany;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Post}; key: {@code id}.
 *
 * @param content Markdown body.
 */
@Generated("dev.datastore4j.codegen")
public record Post(String id, String title, String content, Integer rating, PostStatus status,
        List<String> tags, LocalDate publishedOn, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String blogPostsId, String owner) implements Model {
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
     * The field {@code content}: {@code String}.
     */
    public static final StringField<Post> CONTENT = ModelField.ofString("content", FieldType.STRING,
            Post::content);

    /**
     * The field {@code rating}: {@code Int}; default 0.
     */
    public static final ComparableField<Post, Integer> RATING = ModelField.ofComparable("rating",
            FieldType.INT, Post::rating);

    /**
     * The field {@code status}: {@code PostStatus!}; default DRAFT.
     */
    public static final EqualityField<Post, PostStatus> STATUS = ModelField.ofEquality("status",
            FieldType.ofEnum("PostStatus", PostStatus.class, PostStatus.values()), Post::status,
            FieldFlag.REQUIRED);

    /**
     * The field {@code tags}: {@code [String!]}.
     */
    public static final ListField<Post, String> TAGS = ModelField.ofList("tags",
            FieldType.listOf(FieldType.STRING, true), Post::tags);

    /**
     * The field {@code publishedOn}: {@code AWSDate}.
     */
    public static final ComparableField<Post, LocalDate> PUBLISHED_ON = ModelField.ofComparable(
            "publishedOn", FieldType.AWS_DATE, Post::publishedOn);

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
     * The field {@code blogPostsId}: {@code ID}.
     */
    public static final StringField<Post> BLOG_POSTS_ID = ModelField.ofString("blogPostsId",
            FieldType.ID, Post::blogPostsId);

    /**
     * The field {@code owner}: {@code String}.
     */
    public static final StringField<Post> OWNER = ModelField.ofString("owner", FieldType.STRING,
            Post::owner);

    /**
     * Metadata the runtime reads and builds {@code Post} instances through.
     */
    public static final ModelSchema<Post> SCHEMA = ModelSchema.builder(Post.class, "Post", "Posts")
            .fields(ID, TITLE, CONTENT, RATING, STATUS, TAGS, PUBLISHED_ON, CREATED_AT, UPDATED_AT,
                    BLOG_POSTS_ID, OWNER)
            .primaryKey(ID)
            .defaultValue(RATING, 0)
            .defaultValue(STATUS, PostStatus.DRAFT)
            .index(new IndexInfo("byTitle", List.of("title"), "postsByTitle"))
            .relationship(Relationship.belongsTo("blog", "Blog", List.of("blogPostsId")))
            .relationship(Relationship.hasMany("comments", "Comment", List.of("postCommentsId")))
            .authRules(AuthRule.owner(AuthRule.Provider.USER_POOLS, "owner", "sub::username",
                            List.of(AuthRule.Operation.CREATE, AuthRule.Operation.UPDATE,
                                    AuthRule.Operation.DELETE, AuthRule.Operation.READ)),
                    AuthRule.publicAccess(AuthRule.Provider.API_KEY,
                            List.of(AuthRule.Operation.READ)))
            .operations(new ModelOperations("getPost", "listPosts", "syncPosts", "createPost",
                    "updatePost", "deletePost", "onCreatePost", "onUpdatePost", "onDeletePost"))
            .factory(Post::fromValues)
            .build();

    public Post {
        ModelChecks.required("Post")
                .field("id", id)
                .field("title", title)
                .field("status", status)
                .check();
        tags = ModelChecks.immutableList("Post", "tags", tags, true);
        ModelChecks.valid("Post", "publishedOn", Scalar.AWS_DATE, publishedOn);
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
     * The related {@code Blog}, loaded only when asked for.
     */
    public ModelReference<Blog> blog() {
        return ModelReference.of(Blog.SCHEMA, blogPostsId == null ? null : Blog.ID.eq(blogPostsId));
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
                values.get(CONTENT),
                values.get(RATING),
                values.get(STATUS),
                values.get(TAGS),
                values.get(PUBLISHED_ON),
                values.get(CREATED_AT),
                values.get(UPDATED_AT),
                values.get(BLOG_POSTS_ID),
                values.get(OWNER));
    }

    /**
     * Builds {@link Post} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String title;

        private String content;

        private Integer rating = 0;

        private PostStatus status = PostStatus.DRAFT;

        private List<String> tags;

        private LocalDate publishedOn;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private String blogPostsId;

        private String owner;

        private Builder() {
        }

        private Builder(Post source) {
            this.id = source.id();
            this.title = source.title();
            this.content = source.content();
            this.rating = source.rating();
            this.status = source.status();
            this.tags = source.tags();
            this.publishedOn = source.publishedOn();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
            this.blogPostsId = source.blogPostsId();
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

        /**
         * Markdown body.
         */
        public Builder content(String content) {
            this.content = content;
            return this;
        }

        public Builder rating(Integer rating) {
            this.rating = rating;
            return this;
        }

        public Builder status(PostStatus status) {
            this.status = status;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder publishedOn(LocalDate publishedOn) {
            this.publishedOn = publishedOn;
            return this;
        }

        public Builder blogPostsId(String blogPostsId) {
            this.blogPostsId = blogPostsId;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Sets {@code blogPostsId} from the key of {@code blog}; null clears it.
         */
        public Builder blog(Blog blog) {
            this.blogPostsId = blog == null ? null : blog.id();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Post build() {
            return new Post(id, title, content, rating, status, tags, publishedOn, createdAt,
                    updatedAt, blogPostsId, owner);
        }
    }
}
