package dev.datastore4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.Blog;
import com.example.blog.Comment;
import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import com.example.blog.PostStatus;
import com.example.chat.Attachment;
import com.example.chat.AttachmentKind;
import com.example.chat.Message;
import com.example.recipes.RecipeIngredients;
import com.example.serverset.Document;
import com.example.serverset.Entry;
import com.example.shop.Customer;
import com.example.shop.LoyaltyCard;
import com.example.shop.Order;
import com.example.shop.OrderLine;
import com.example.shop.OrderStatus;
import com.example.shop.Product;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What generated models do, exercised on the golden output of the test schemas. */
class GeneratedModelTest {
    @Test
    void builderAppliesDefaultsAndGeneratesAnId() {
        Post post = Post.builder().title("Hello").build();
        assertThat(post.id()).hasSize(36);
        assertThat(post.rating()).isZero();
        assertThat(post.status()).isEqualTo(PostStatus.DRAFT);
        assertThat(Post.builder().title("Hello").build().id()).isNotEqualTo(post.id());
    }

    /**
     * A timestamp the schema declares required (to sort an index on, say) starts as the time the
     * record is built, to the millisecond in UTC, as AppSync writes its own, so that a record
     * built offline has it (the builder refused to build one without it). One given is kept, and
     * toBuilder copies createdAt; but updatedAt starts afresh there too, since what it builds is a
     * change. One the schema leaves optional starts empty, for the server to set.
     */
    @Test
    void aRequiredTimestampOfTheSchemasOwnStartsAsTheTimeOfBuilding() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        Entry entry = Entry.builder().day("2026-11-28").build();
        OffsetDateTime after = OffsetDateTime.now(ZoneOffset.UTC);
        assertThat(entry.createdAt()).isBetween(before, after);
        assertThat(entry.createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(entry.createdAt().getNano() % 1_000_000).isZero();
        assertThat(entry.updatedAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(entry.updatedAt())).isBetween(before.toInstant(), after.toInstant());

        OffsetDateTime then = OffsetDateTime.parse("2020-01-02T03:04:05.678Z");
        assertThat(Entry.builder().day("d").createdAt(then).build().createdAt()).isEqualTo(then);
        assertThat(entry.toBuilder().text("more").build().createdAt()).isEqualTo(entry.createdAt());

        Entry old = Entry.builder().day("d").createdAt(then).updatedAt("2020-01-02T03:04:05.678Z").build();
        OffsetDateTime beforeChange = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        Entry changed = old.toBuilder().text("changed").build();
        assertThat(changed.createdAt()).isEqualTo(then);
        assertThat(Instant.parse(changed.updatedAt())).isBetween(beforeChange.toInstant(), Instant.now());
        assertThat(old.toBuilder().updatedAt(old.updatedAt()).build()).isEqualTo(old);
        assertThat(Document.builder().title("t").status("s").build().createdAt()).isNull();
    }

    @Test
    void buildNamesEveryMissingRequiredFieldAtOnce() {
        assertThatThrownBy(() -> Post.builder().status(null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Post is missing required fields: title, status");
        assertThatThrownBy(() -> Comment.builder().build())
                .hasMessage("Comment is missing required field: content");
    }

    @Test
    void recordsHaveValueEqualityAndToBuilderCopies() {
        Post post = Post.builder().id("p1").title("A").tags(List.of("x")).build();
        Post same = Post.builder().id("p1").title("A").tags(List.of("x")).build();
        assertThat(post).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(post.toString()).contains("title=A");
        Post edited = post.toBuilder().title("B").build();
        assertThat(edited.id()).isEqualTo("p1");
        assertThat(edited).isNotEqualTo(post);
        assertThat(post.title()).isEqualTo("A");
    }

    @Test
    void listsAreCopiedAndUnmodifiable() {
        List<String> tags = new ArrayList<>(List.of("a"));
        Post post = Post.builder().title("T").tags(tags).build();
        tags.add("b");
        assertThat(post.tags()).containsExactly("a");
        assertThatThrownBy(() -> post.tags().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Post.builder().title("T").tags(Arrays.asList("a", null)).build())
                .hasMessage("Post.tags must not contain null elements");
    }

    @Test
    void floatsMustBeFiniteNumbers() {
        // GraphQL has no NaN or infinity, and SQLite would store a NaN as null
        assertThatThrownBy(() -> Product.builder().sku("a").name("A").price(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Product.price must be a finite number, not NaN");
        assertThatThrownBy(() -> Product.builder().sku("a").name("A").price(1.0)
                .ratings(List.of(4.5, Double.POSITIVE_INFINITY)).build())
                .hasMessage("Product.ratings must be a finite number, not Infinity");
        assertThatThrownBy(() -> OrderLine.builder().sku("a").quantity(1).price(Double.NEGATIVE_INFINITY).build())
                .hasMessage("OrderLine.price must be a finite number, not -Infinity");
        Product product = Product.builder().sku("a").name("A").price(-0.0).ratings(List.of(Double.MAX_VALUE, Double.MIN_VALUE))
                .build();
        assertThat(product.ratings()).containsExactly(Double.MAX_VALUE, Double.MIN_VALUE);
    }

    @Test
    void datesAndTimesStayWithinTheYearsAppSyncWrites() {
        // LocalDate.MAX, a common "no end" value, would be stored as +999999999-12-31 and sort first
        assertThatThrownBy(() -> Post.builder().title("T").publishedOn(LocalDate.MAX).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Post.publishedOn must be within the years 0000-9999, not +999999999-12-31");
        assertThatThrownBy(() -> Post.builder().title("T").publishedOn(LocalDate.of(-1, 1, 1)).build())
                .hasMessageStartingWith("Post.publishedOn must be within the years 0000-9999");
        assertThat(Post.builder().title("T").publishedOn(LocalDate.of(9999, 12, 31)).build().publishedOn().getYear()).isEqualTo(9999);
        assertThat(Post.builder().title("T").publishedOn(LocalDate.of(0, 1, 1)).build().publishedOn().getYear()).isZero();

        Order.Builder order = Order.builder().customerEmail("ana@example.com").status(OrderStatus.PAID).total(1.0)
                .lines(List.of());
        // stored in UTC, where this one is in the year 10000
        assertThatThrownBy(() -> order.placedAt(OffsetDateTime.parse("9999-12-31T23:00-05:00")).build())
                .hasMessageStartingWith("Order.placedAt must be within the years 0000-9999");
        assertThat(order.placedAt(OffsetDateTime.parse("9999-12-31T23:00+05:00")).build().placedAt().getYear()).isEqualTo(9999);
        assertThatThrownBy(() -> LoyaltyCard.builder().issued(Instant.MAX).build())
                .hasMessageStartingWith("LoyaltyCard.issued must be within the years 0000-9999");
        assertThat(LoyaltyCard.builder().issued(Instant.EPOCH).build().issued()).isEqualTo(Instant.EPOCH);
        // AppSync keeps an AWSTimestamp as an integer of seconds: a fraction would be lost once synced
        assertThatThrownBy(() -> LoyaltyCard.builder().issued(Instant.parse("2024-01-01T00:00:00.001Z")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LoyaltyCard.issued must be whole seconds (an AWSTimestamp is an integer of seconds;"
                        + " truncatedTo(ChronoUnit.SECONDS) makes one), not 2024-01-01T00:00:00.001Z");
        assertThat(LoyaltyCard.builder().issued(Instant.ofEpochSecond(-1)).build().issued().getEpochSecond()).isEqualTo(-1);
    }

    @Test
    void awsScalarsHoldOnlyValuesTheServerTakes() {
        // the sync server refuses these too (ScalarsTest there); refused here, they never reach the outbox
        Customer.Builder ana = Customer.builder().email("ana@example.com").name("Ana");
        assertThat(ana.phone("+1 555 0100").lastSeenFrom("10.0.0.0/8").build().lastSeenFrom()).isEqualTo("10.0.0.0/8");
        assertThat(ana.phone("(678) 198-2162").lastSeenFrom("2001:db8::1").build().phone()).isEqualTo("(678) 198-2162");
        assertThatThrownBy(() -> Customer.builder().email("ana at example.com").name("Ana").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Customer.email must be an e-mail address (local@domain), not \"ana at example.com\"");
        assertThatThrownBy(() -> ana.phone("call me").build())
                .hasMessageStartingWith("Customer.phone must be a phone number");
        assertThatThrownBy(() -> ana.phone(null).lastSeenFrom("256.1.1.1").build())
                .hasMessage("Customer.lastSeenFrom must be an IPv4 or IPv6 address, with a prefix length or without,"
                        + " not \"256.1.1.1\"");
        assertThatThrownBy(() -> ana.lastSeenFrom("localhost").build()).hasMessageStartingWith("Customer.lastSeenFrom");

        Order.Builder order = Order.builder().customerEmail("ana@example.com").placedAt(OffsetDateTime.now())
                .status(OrderStatus.PAID).total(1.0).lines(List.of());
        assertThat(order.metadata("{\"gift\": true}").receipt(URI.create("mailto:ana@example.com")).build().metadata())
                .isEqualTo("{\"gift\": true}");
        assertThatThrownBy(() -> order.metadata("{gift: true}").build())
                .hasMessage("Order.metadata must hold one JSON value, not \"{gift: true}\"");
        assertThatThrownBy(() -> order.metadata(null).receipt(URI.create("receipts/1")).build())
                .hasMessage("Order.receipt must be an absolute URL with no // in its path, not receipts/1");
        assertThatThrownBy(() -> order.receipt(URI.create("https://example.com//r")).build())
                .hasMessageStartingWith("Order.receipt must be an absolute URL");
    }

    @Test
    void typedPredicatesEvaluateWithFilterSemantics() {
        Post post = Post.builder().title("Hello world").rating(4).tags(List.of("java")).build();
        assertThat(Post.RATING.gt(3).test(post)).isTrue();
        assertThat(Post.RATING.between(4, 5).and(Post.TITLE.beginsWith("Hell")).test(post)).isTrue();
        assertThat(Post.TITLE.contains("world").not().test(post)).isFalse();
        assertThat(Post.TAGS.contains("java").or(Post.RATING.lt(0)).test(post)).isTrue();
        assertThat(Post.CONTENT.isNull().test(post)).isTrue();
        assertThat(Post.CONTENT.ne("x").test(post)).as("ne matches a missing value").isTrue();
        assertThat(Post.CONTENT.eq("x").test(post)).isFalse();
        assertThat(Post.STATUS.eq(PostStatus.DRAFT).test(post)).isTrue();
        assertThat(Post.RATING.gt(3).and(Post.TITLE.beginsWith("H")).and(Post.RATING.lt(9)).toString())
                .isEqualTo("(rating gt 3 and title beginsWith \"H\" and rating lt 9)");
    }

    @Test
    void relationshipsAreLazyQueriesOverTheForeignKey() {
        Blog blog = Blog.builder().id("b1").name("Blog").build();
        Post post = Post.builder().id("p1").title("T").blog(blog).build();
        assertThat(post.blogPostsId()).isEqualTo("b1");
        Map<String, List<? extends Model>> tables = Map.of("Blog", List.of(blog), "Post", List.of(post));
        ModelReader reader = new ModelReader() {
            @Override
            @SuppressWarnings("unchecked")
            public <M extends Model> List<M> query(ModelSchema<M> schema, dev.datastore4j.query.QueryPredicate<M> p,
                    List<dev.datastore4j.query.SortBy<M>> sort) {
                return tables.getOrDefault(schema.name(), List.of()).stream().map(m -> (M) m).filter(p::test).toList();
            }
        };
        assertThat(post.blog().load(reader)).contains(blog);
        assertThat(blog.posts().load(reader)).containsExactly(post);
        assertThat(Post.builder().title("orphan").build().blog().isEmpty()).isTrue();
    }

    @Test
    void schemaMetadataDescribesFieldsKeysAndOperations() {
        ModelSchema<Post> schema = Post.SCHEMA;
        assertThat(schema.pluralName()).isEqualTo("Posts");
        assertThat(schema.operations().sync()).isEqualTo("syncPosts");
        assertThat(schema.fields()).extracting(ModelField::name).startsWith("id", "title").contains("blogPostsId");
        assertThat(schema.field("createdAt").isReadOnly()).isTrue();
        assertThat(schema.field("title").isRequired()).isTrue();
        assertThat(schema.primaryKey()).containsExactly(Post.ID);
        assertThat(schema.indexes()).containsExactly(new IndexInfo("byTitle", List.of("title"), "postsByTitle"));
        assertThat(schema.authRules()).hasSize(2);
        assertThat(schema.authRules().get(1).allows(AuthRule.Operation.SYNC)).isTrue();
        assertThat(schema.authRules().get(1).allows(AuthRule.Operation.CREATE)).isFalse();
    }

    @Test
    void factoryBuildsModelsWithoutReflection() {
        Map<String, Object> row = Map.of("id", "p9", "title", "From a row", "status", PostStatus.PUBLISHED);
        Post post = Post.SCHEMA.newInstance(new FieldValues() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(ModelField<?, T> field) {
                return (T) row.get(field.name());
            }
        });
        assertThat(post.title()).isEqualTo("From a row");
        assertThat(Post.SCHEMA.keyValues(post)).containsExactly("p9");
        FieldType.EnumType<?> status = (FieldType.EnumType<?>) Post.STATUS.type();
        assertThat(status.valueOf("ARCHIVED")).isEqualTo(PostStatus.ARCHIVED);
    }

    @Test
    void registryListsParentsFirstWithAStableVersion() {
        ModelRegistry registry = DataStoreModels.REGISTRY;
        assertThat(registry.models()).extracting(ModelSchema::name).containsExactly("Blog", "Post", "Comment");
        assertThat(registry.version()).hasSize(32).isEqualTo(DataStoreModels.VERSION);
        assertThat(registry.schema(Post.class)).isSameAs(Post.SCHEMA);
    }

    @Test
    void compositeKeysEmbeddedTypesAndJoinModels() {
        OffsetDateTime placed = OffsetDateTime.parse("2026-11-25T10:00:00Z");
        Order order = Order.builder().customerEmail("a@example.com").placedAt(placed).status(OrderStatus.PAID)
                .total(9.5).lines(List.of(OrderLine.builder().sku("S1").quantity(1).price(9.5).build())).build();
        assertThat(order.identifier().values()).containsExactly("a@example.com", placed);
        assertThat(Order.SCHEMA.operations().get()).isEqualTo("order");
        Message message = Message.builder().roomId("r1").writtenAt(placed).text("hi")
                .attachments(List.of(Attachment.builder().url(URI.create("https://x.example/a.png"))
                        .kind(AttachmentKind.IMAGE).build()))
                .build();
        assertThat(message.attachments().get(0).kind()).isEqualTo(AttachmentKind.IMAGE);
        assertThat(Message.SCHEMA.field("sentAt").isReadOnly()).isTrue();
        assertThat(RecipeIngredients.SCHEMA.fields()).extracting(ModelField::name)
                .contains("recipeId", "ingredientId");
    }
}
