package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.Blog;
import com.example.blog.Comment;
import com.example.blog.Post;
import com.example.blog.PostStatus;
import com.example.chat.Message;
import com.example.chat.Room;
import com.example.shop.Address;
import com.example.shop.Customer;
import com.example.shop.LoyaltyCard;
import com.example.shop.Order;
import com.example.shop.OrderLine;
import com.example.shop.OrderStatus;
import com.example.shop.Product;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.StringField;
import dev.datastore4j.query.QueryPredicate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves, queries and deletes on a real SQLite file. */
class DataStoreTest {
    @TempDir
    Path temp;

    private DataStore blog;
    private DataStore shop;

    @BeforeEach
    void open() {
        blog = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, temp.resolve("blog.db"));
        shop = DataStore.open(com.example.shop.DataStoreModels.REGISTRY, temp.resolve("shop.db"));
    }

    @AfterEach
    void close() {
        blog.close();
        shop.close();
    }

    private static Post post(String title, int rating) {
        return Post.builder().title(title).rating(rating).build();
    }

    @Test
    void savedModelsReadBackEqual() {
        Post post = Post.builder().title("Hello").content("It's \"quoted\"; DROP TABLE Post; --").rating(4)
                .status(PostStatus.PUBLISHED).tags(List.of("a", "b")).publishedOn(LocalDate.of(2024, 2, 29)).build();
        blog.save(post);
        assertThat(blog.get(Post.class, post.id())).contains(post);
        assertThat(blog.query(Post.class)).containsExactly(post);
    }

    /** Empty text stays empty (not null), absent text null, and characters of four UTF-8 bytes whole. */
    @Test
    void textReadsBackAsItWasSaved() {
        Post empty = blog.save(Post.builder().title("empty").content("").tags(List.of("", "naïve €", "𝄞")).build());
        Post symbols = blog.save(Post.builder().title("😀 and 𝄞").content(null).tags(List.of()).build());
        assertThat(blog.get(Post.class, empty.id())).contains(empty);
        assertThat(blog.get(Post.class, symbols.id())).contains(symbols);
        assertThat(blog.query(Post.class, Post.CONTENT.eq(""))).containsExactly(empty);
        assertThat(blog.query(Post.class, Post.CONTENT.isNull())).containsExactly(symbols);
        assertThat(blog.query(Post.class, Post.TITLE.eq("😀 and 𝄞"))).containsExactly(symbols);
    }

    @Test
    void aDatabaseFileHasOneStoreAtATime() {
        Path file = temp.resolve("blog.db");
        assertThatThrownBy(() -> DataStore.open(com.example.blog.DataStoreModels.REGISTRY, file))
                .isInstanceOf(DataStoreException.class)
                .hasMessage("cannot open " + file + ": a DataStore in this process has it open; share that one"
                        + " (with two, the observers of each would miss the other's writes)");
        Post saved = blog.save(post("still open", 1));
        blog.close();
        blog = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, file);
        assertThat(blog.query(Post.class)).containsExactly(saved);
        assertThat(OwnerLock.fileOf(file)).exists();
    }

    /** SQLite follows a symbolic link to the file it names, and so does the lock. */
    @Test
    void aPathThroughASymbolicLinkNamesTheSameStore() throws IOException {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("link.db"), temp.resolve("blog.db"));
        assertThatThrownBy(() -> DataStore.open(com.example.blog.DataStoreModels.REGISTRY, link))
                .isInstanceOf(DataStoreException.class)
                .hasMessageContaining("a DataStore in this process has it open");

        // a link to a file not there yet, and a folder reached through a link
        Path later = temp.resolve("later.db");
        Path linkToLater = Files.createSymbolicLink(elsewhere.resolve("later.db"), later);
        Path folderLink = Files.createSymbolicLink(temp.resolve("folder-link"), temp);
        try (DataStore first = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, linkToLater)) {
            first.save(post("through the link", 1));
            for (Path other : List.of(later, folderLink.resolve("later.db"), temp.resolve("elsewhere/../later.db"))) {
                assertThatThrownBy(() -> DataStore.open(com.example.blog.DataStoreModels.REGISTRY, other))
                        .as(other.toString())
                        .hasMessageContaining("a DataStore in this process has it open");
            }
        }
        assertThat(OwnerLock.fileOf(linkToLater)).isEqualTo(temp.toRealPath().resolve("later.db-datastore4j.lock"));
    }

    @Test
    void saveReplacesTheRecordWithTheSameKey() {
        Post post = blog.save(post("one", 1));
        Post edited = blog.save(post.toBuilder().title("two").build());
        assertThat(blog.query(Post.class)).containsExactly(edited);
    }

    @Test
    void everyScalarAndNonModelTypeRoundTrips() {
        Customer customer = Customer.builder().email("ana@example.com").name("Ana ünïcødé ✓ 😀").phone("+1 555 0100")
                .lastSeenFrom("10.0.0.0/8").address(Address.builder().street("Main St").city("Springfield").build()).build();
        Order order = Order.builder().customerEmail("ana@example.com")
                .placedAt(OffsetDateTime.of(2024, 5, 1, 12, 30, 15, 123_456_789, ZoneOffset.UTC))
                .status(OrderStatus.PAID).total(19.99)
                .lines(List.of(OrderLine.builder().sku("A-1").quantity(2).price(9.995).build()))
                .metadata("{\"gift\": true}").receipt(URI.create("https://example.com/r?id=1&x=%20")).build();
        Product product = Product.builder().sku("A-1").name("Anvil").price(9.995).ratings(List.of(4.5, -0.0, 1e-300)).inStock(false)
                .available(LocalDate.of(2024, 1, 1)).opens(LocalTime.of(9, 0, 0, 1)).build();
        LoyaltyCard card = LoyaltyCard.builder().issued(Instant.parse("2024-01-01T08:30:15Z")).build();
        shop.save(customer);
        shop.save(order);
        shop.save(product);
        shop.save(card);
        assertThat(shop.query(Customer.class)).containsExactly(customer);
        assertThat(shop.query(Order.class)).containsExactly(order);
        assertThat(shop.query(Product.class)).containsExactly(product);
        assertThat(shop.query(LoyaltyCard.class)).containsExactly(card);
        assertThat(shop.get(Order.class, new Order.Identifier(order.customerEmail(), order.placedAt()))).contains(order);
        assertThat(shop.query(LoyaltyCard.class, LoyaltyCard.ISSUED.gt(Instant.parse("2024-01-01T08:30:14Z")))).containsExactly(card);
    }

    @Test
    void outboxEntriesHoldValuesAsAMutationSendsThem() throws Exception {
        shop.save(Order.builder().customerEmail("ana@example.com")
                .placedAt(OffsetDateTime.of(2024, 5, 1, 12, 30, 15, 123_000_000, ZoneOffset.ofHours(2)))
                .status(OrderStatus.PAID).total(19.5).lines(List.of(OrderLine.builder().sku("A-1").quantity(2).price(9.75).build()))
                .build());
        LoyaltyCard card = shop.save(LoyaltyCard.builder().issued(Instant.parse("2024-01-01T08:30:15Z")).build());
        PendingMutation first = shop.outbox().next().orElseThrow();
        JsonNode sent = Values.JSON.readTree(first.data());
        assertThat(sent.get("placedAt").asText()).isEqualTo("2024-05-01T10:30:15.123000000Z");
        assertThat(sent.get("total").isDouble()).isTrue();
        assertThat(sent.get("lines").get(0).get("quantity").intValue()).isEqualTo(2);
        assertThat(sent.get("status").asText()).isEqualTo("PAID");
        shop.outbox().remove(first);
        JsonNode issued = Values.JSON.readTree(shop.outbox().next().orElseThrow().data()).get("issued");
        assertThat(issued.isIntegralNumber()).as("an AWSTimestamp is an integer on the wire: %s", issued).isTrue();
        assertThat(issued.longValue()).isEqualTo(card.issued().getEpochSecond());
    }

    @Test
    void textTheStoreOrServerCannotKeepIsRefusedRatherThanChanged() {
        String cut = "emoji 😀".substring(0, 7); // between the two halves of the emoji
        assertThatThrownBy(() -> blog.save(post(cut, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Post.title: text must be valid Unicode, but has half of a surrogate pair at index 6");
        assertThatThrownBy(() -> blog.save(Post.builder().title("t").tags(List.of("ok", "\uDC00")).build()))
                .hasMessage("Post.tags: text must be valid Unicode, but has half of a surrogate pair at index 0");
        assertThatThrownBy(() -> blog.save(post("nul\u0000", 1)))
                .hasMessage("Post.title: text must not hold U+0000, which PostgreSQL cannot store, but has it at index 3");
        assertThat(blog.query(Post.class)).isEmpty();
        assertThat(blog.outbox().size()).isZero();
        Post whole = blog.save(post("emoji 😀 and 𝄞", 1));
        assertThat(blog.query(Post.class, Post.TITLE.eq("emoji 😀 and 𝄞"))).containsExactly(whole);
    }

    /**
     * A line of a book, keyed by book, chapter and line, as {@code @primaryKey(sortKeyFields: ["chapter", "line"])}
     * makes it, with an index by book and line.
     */
    record Line(String book, String chapter, String line) implements dev.datastore4j.model.Model {
        static final StringField<Line> BOOK = ModelField.ofString("book", FieldType.ID, Line::book, FieldFlag.REQUIRED);
        static final StringField<Line> CHAPTER = ModelField.ofString("chapter", FieldType.STRING, Line::chapter, FieldFlag.REQUIRED);
        static final StringField<Line> LINE = ModelField.ofString("line", FieldType.STRING, Line::line, FieldFlag.REQUIRED);
        static final ModelSchema<Line> SCHEMA = ModelSchema.builder(Line.class, "Line", "Lines")
                .fields(BOOK, CHAPTER, LINE).primaryKey(BOOK, CHAPTER, LINE)
                .index(new IndexInfo("byBookAndLine", List.of("book", "line"), null))
                .operations(new ModelOperations("getLine", "listLines", "syncLines", "createLine", "updateLine", "deleteLine",
                        "onCreateLine", "onUpdateLine", "onDeleteLine"))
                .factory(v -> new Line(v.get(BOOK), v.get(CHAPTER), v.get(LINE))).build();
    }

    /**
     * A key longer than AppSync's DynamoDB tables, and so the sync server, take is refused when
     * saved: it would wait in the outbox for a server that refuses it every time.
     */
    @Test
    void aKeyLongerThanTheServerTakesIsRefused() {
        Post longest = blog.save(Post.builder().id("é".repeat(1024)).title("2,048 bytes").build());
        assertThatThrownBy(() -> blog.save(Post.builder().id("é".repeat(1024) + "x").title("one more").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Post.id: a key field holds at most 2048 bytes of UTF-8 (AppSync's partition key), not 2049");
        assertThat(blog.query(Post.class)).containsExactly(longest);

        try (DataStore lines = DataStore.open(ModelRegistry.of("lines", List.of(Line.SCHEMA)), temp.resolve("lines.db"))) {
            lines.save(new Line("b", "c".repeat(500), "l".repeat(523))); // 500 + # + 523 = 1,024
            assertThatThrownBy(() -> lines.save(new Line("b", "c".repeat(500), "l".repeat(524))))
                    .hasMessage("Line [chapter, line]: the sort key holds at most 1024 bytes of UTF-8 (AppSync's), not 1025");
            assertThat(lines.outbox().size()).isEqualTo(1);
        }
    }

    /**
     * An empty string where AppSync's DynamoDB keeps a key attribute is refused when saved, as by
     * the sync server: it would wait in the outbox for a server that refuses it every time. Those
     * are a key's first field, of the primary key or of an index (Post.title is the key of index
     * byTitle, and a has-many reads by an index on its children's foreign key), and a sort key of
     * one field; a sort key of more fields is one value, joined by #, and may have an empty one.
     */
    @Test
    void anEmptyStringInAKeyAttributeIsRefused() {
        assertThatThrownBy(() -> blog.save(Post.builder().id("").title("no id").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Post.id is a key field and cannot be an empty string (AppSync's DynamoDB refuses one)");
        assertThatThrownBy(() -> blog.save(Post.builder().title("").build()))
                .hasMessage("Post.title is a key field of index byTitle and cannot be an empty string"
                        + " (AppSync's DynamoDB refuses one)");
        assertThatThrownBy(() -> blog.batch(batch -> batch.save(post("first", 1)).save(Post.builder().title("").build())))
                .hasMessageStartingWith("Post.title is a key field of index byTitle");
        // Blog.posts finds its posts by an index AppSync adds on their blogPostsId (gsi-Blog.posts)
        assertThatThrownBy(() -> blog.save(post("no blog", 1).toBuilder().blogPostsId("").build()))
                .hasMessage("Post.blogPostsId is the key Blog.posts finds its records by and cannot be an empty string"
                        + " (AppSync's DynamoDB refuses one)");
        assertThat(blog.query(Post.class)).isEmpty();
        assertThat(blog.outbox().size()).isZero();

        try (DataStore lines = DataStore.open(ModelRegistry.of("lines", List.of(Line.SCHEMA)), temp.resolve("lines.db"))) {
            Line untitled = lines.save(new Line("b", "", "l1")); // the table's sort key is "#l1"
            assertThatThrownBy(() -> lines.save(new Line("", "c", "l")))
                    .hasMessage("Line.book is a key field and cannot be an empty string (AppSync's DynamoDB refuses one)");
            assertThatThrownBy(() -> lines.save(new Line("b", "c", ""))) // the index's sort key is line alone
                    .hasMessage("Line.line is a key field of index byBookAndLine and cannot be an empty string"
                            + " (AppSync's DynamoDB refuses one)");
            assertThat(lines.query(Line.class)).containsExactly(untitled);
        }
    }

    @Test
    void valuesStoredUnderLooserRulesStayReadableAndCanBeCorrected() throws Exception {
        Customer ana = shop.save(Customer.builder().email("ana@example.com").name("Ana").phone("+1 555 0100").build());
        // as an earlier version, which did not check phone numbers, could have stored it
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("shop.db"));
                var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE \"Customer\" SET \"phone\" = 'ask at the desk'");
        }
        Customer stored = shop.get(Customer.class, ana.email()).orElseThrow();
        assertThat(stored.phone()).isEqualTo("ask at the desk");
        assertThat(shop.query(Customer.class, Customer.NAME.eq("Ana"))).containsExactly(stored);
        assertThatThrownBy(() -> stored.toBuilder().name("Ana B").build()) // built here, it is checked
                .hasMessageStartingWith("Customer.phone must be a phone number");
        shop.save(stored.toBuilder().phone(null).build());
        assertThat(shop.get(Customer.class, ana.email()).orElseThrow().phone()).isNull();
    }

    @Test
    void aQueryRefusesOperandsTheStoreCannotCompare() {
        shop.save(Product.builder().sku("A-1").name("Anvil").price(10.0).available(LocalDate.of(2024, 1, 1)).build());
        // bound as it is, a NaN would be null: no price equals it, and every price differs from it
        assertThatThrownBy(() -> shop.query(Product.class, Product.PRICE.ne(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Float must be a finite number, not NaN");
        assertThat(shop.query(Product.class, Product.PRICE.lt(Double.MAX_VALUE))).hasSize(1);
        // as text, +999999999-12-31 sorts before every four-digit year: nothing would be before it
        assertThatThrownBy(() -> shop.query(Product.class, Product.AVAILABLE.lt(LocalDate.MAX)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWSDate must be within the years 0000-9999, not +999999999-12-31");
        assertThat(shop.query(Product.class, Product.AVAILABLE.lt(LocalDate.of(9999, 12, 31)))).hasSize(1);
    }

    @Test
    void dateTimesWithAnOffsetReadBackAsTheSameInstantInUtc() {
        OffsetDateTime local = OffsetDateTime.of(2024, 5, 1, 14, 0, 0, 0, ZoneOffset.ofHours(2));
        Order order = Order.builder().customerEmail("x@example.com").placedAt(local).status(OrderStatus.PENDING).total(1.0)
                .lines(List.of()).build();
        shop.save(order);
        Order stored = shop.query(Order.class).get(0);
        assertThat(stored.placedAt()).isEqualTo(local.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(stored.placedAt().toInstant()).isEqualTo(local.toInstant());
    }

    @Test
    void conditionalSaveChecksTheStoredRecord() {
        Post post = blog.save(post("one", 1));
        blog.save(post.toBuilder().rating(2).build(), Post.RATING.eq(1));
        assertThatThrownBy(() -> blog.save(post.toBuilder().rating(3).build(), Post.RATING.eq(1)))
                .isInstanceOf(ConditionNotMetException.class)
                .hasMessage("conditional write of Post " + post.id() + ": the stored record does not meet rating eq 1");
        assertThat(blog.get(Post.class, post.id()).orElseThrow().rating()).isEqualTo(2);
        assertThat(blog.outbox().size()).isEqualTo(2); // the create, and the conditional update appended to it
    }

    @Test
    void aConditionComparesValuesAsTheStoreKeepsThem() {
        // kept in UTC, the time reads back as 10:00Z; the app's condition names it at +02:00
        OffsetDateTime placed = OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2));
        Customer ana = shop.save(Customer.builder().email("ana@example.com").name("Ana").build());
        LoyaltyCard card = shop.save(LoyaltyCard.builder().issued(Instant.parse("2024-05-01T10:00:00Z")).customer(ana).build());
        shop.save(card.toBuilder().points(5).build(), LoyaltyCard.ISSUED.eq(placed.toInstant()));
        Order order = shop.save(Order.builder().customerEmail("ana@example.com").placedAt(placed).status(OrderStatus.PENDING)
                .total(-0.0).lines(List.of()).build());
        shop.save(order.toBuilder().status(OrderStatus.SHIPPED).build(), Order.TOTAL.eq(0.0).and(Order.CREATED_AT.isNull()));
        assertThat(shop.query(Order.class)).extracting(Order::status).containsExactly(OrderStatus.SHIPPED);
        // observe(type, predicate) tests changes in Java: the same instant at another offset matches
        assertThat(Order.PLACED_AT.eq(placed.withOffsetSameInstant(ZoneOffset.UTC)).test(order)).isTrue();
    }

    @Test
    void aConditionNamesOnlyFieldsAnAppSyncConditionHas() {
        Order order = shop.save(Order.builder().customerEmail("ana@example.com").placedAt(OffsetDateTime.now(ZoneOffset.UTC))
                .status(OrderStatus.PENDING).total(1.0).lines(List.of()).build());
        int queued = shop.outbox().size();
        assertThatThrownBy(() -> shop.save(order, Order.PLACED_AT.eq(order.placedAt()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order.placedAt cannot be in a condition: it is part of the key, which names the record written"
                        + " (AppSync's condition input has no such field)");
        assertThatThrownBy(() -> shop.deleteAsync(order, Order.STATUS.eq(OrderStatus.PAID).or(Order.SHIP_TO.isNull().not())))
                .hasMessage("Order.shipTo cannot be in a condition: it holds a non-model object"
                        + " (AppSync's condition input has no such field)");
        assertThatThrownBy(() -> shop.save(order, Order.LINES.isNotNull())).hasMessageStartingWith("Order.lines cannot be");
        // an or of 299 comparisons counts 300, as the server counts it; one more is refused
        QueryPredicate<Order> anyTotal = Order.TOTAL.eq(1.0);
        for (int i = 1; i < 299; i++) {
            anyTotal = anyTotal.or(Order.TOTAL.eq(1.0 + i));
        }
        QueryPredicate<Order> tooMany = anyTotal.or(Order.TOTAL.eq(-1.0));
        assertThatThrownBy(() -> shop.save(order, tooMany)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a condition holds at most 300 comparisons, ands, ors and nots, as in a DynamoDB expression"
                        + " (the sync server and AppSync refuse more); this one holds 301");
        assertThat(shop.outbox().size()).isEqualTo(queued);
        shop.save(order.toBuilder().total(2.0).build(), anyTotal);
        assertThat(shop.outbox().size()).isEqualTo(queued + 1);
        // a query may name any field
        assertThat(shop.query(Order.class, Order.PLACED_AT.eq(order.placedAt()).and(Order.SHIP_TO.isNull()))).hasSize(1);
    }

    @Test
    void aConditionComparesOnlyWhatAnAppSyncConditionCanHold() {
        Product anvil = shop.save(Product.builder().sku("A-1").name("Anvil").price(1.0).ratings(List.of(4.5)).build());
        LoyaltyCard card = shop.save(LoyaltyCard.builder().issued(Instant.parse("2040-01-01T00:00:00Z")).build());
        int queued = shop.outbox().size();
        // a list of numbers or booleans is filtered with the input of one number, which has no contains
        assertThatThrownBy(() -> shop.save(anvil, Product.RATINGS.contains(4.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Product.ratings cannot be in a condition with contains: AppSync filters a list of Float with the"
                        + " input of one Float, which has no contains (a query may use it)");
        assertThatThrownBy(() -> shop.save(anvil, Product.NAME.eq("Anvil").and(Product.RATINGS.notContains(1.0).not())))
                .hasMessageStartingWith("Product.ratings cannot be in a condition with notContains");
        // an AWSTimestamp is filtered as a 32-bit Int: seconds up to 2038-01-19T03:14:07Z
        assertThatThrownBy(() -> shop.save(card, LoyaltyCard.ISSUED.eq(card.issued()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LoyaltyCard.issued cannot be compared with 2040-01-01T00:00:00Z in a condition: AppSync filters an"
                        + " AWSTimestamp as an Int, which holds the seconds from 1901-12-13T20:45:52Z to 2038-01-19T03:14:07Z"
                        + " (a query may use it)");
        assertThatThrownBy(() -> shop.deleteAsync(card, LoyaltyCard.ISSUED.between(Instant.EPOCH, card.issued())))
                .hasMessageStartingWith("LoyaltyCard.issued cannot be compared with 2040-01-01T00:00:00Z in a condition");
        assertThat(shop.outbox().size()).isEqualTo(queued);
        shop.save(anvil, Product.RATINGS.isNotNull());
        shop.save(card, LoyaltyCard.ISSUED.gt(Instant.ofEpochSecond(Integer.MAX_VALUE)).or(LoyaltyCard.ISSUED.isNull()));
        assertThat(shop.query(Product.class, Product.RATINGS.contains(4.5))).containsExactly(anvil);
        assertThat(shop.query(LoyaltyCard.class, LoyaltyCard.ISSUED.eq(card.issued()))).containsExactly(card);
    }

    @Test
    void conditionalDeleteChecksTheStoredRecord() {
        Post post = blog.save(post("one", 1));
        assertThatThrownBy(() -> blog.delete(post, Post.RATING.gt(5))).isInstanceOf(ConditionNotMetException.class);
        assertThat(blog.query(Post.class)).hasSize(1);
        assertThat(blog.delete(post, Post.RATING.lt(5))).isTrue();
        assertThat(blog.query(Post.class)).isEmpty();
    }

    @Test
    void deletesByInstanceKeyAndPredicate() {
        Post a = blog.save(post("a", 1));
        Post b = blog.save(post("b", 2));
        Post c = blog.save(post("c", 3));
        assertThat(blog.delete(a)).isTrue();
        assertThat(blog.delete(a)).isFalse();
        assertThat(blog.delete(Post.class, b.id())).isTrue();
        assertThat(blog.delete(Post.class, Post.RATING.ge(3))).isEqualTo(1);
        assertThat(blog.query(Post.class)).isEmpty();
        assertThat(c).isNotNull();
    }

    @Test
    void deletingAParentDeletesItsChildrenAndQueuesTheirDeletes() {
        Blog parent = blog.save(Blog.builder().name("news").build());
        Post post = blog.save(Post.builder().title("p").blog(parent).build());
        Comment comment = blog.save(Comment.builder().content("c").post(post).build());
        Post other = blog.save(post("unrelated", 0));
        drainOutbox(blog);

        blog.delete(parent);
        assertThat(blog.query(Blog.class)).isEmpty();
        assertThat(blog.query(Post.class)).containsExactly(other);
        assertThat(blog.query(Comment.class)).isEmpty();
        List<String> queued = drainOutbox(blog);
        assertThat(queued).containsExactlyInAnyOrder("DELETE Comment " + comment.id(), "DELETE Post " + post.id(),
                "DELETE Blog " + parent.id());
    }

    @Test
    void relationshipsLoadThroughTheStore() {
        Blog news = blog.save(Blog.builder().name("news").build());
        Post first = blog.save(Post.builder().title("first").blog(news).build());
        Post second = blog.save(Post.builder().title("second").blog(news).build());
        blog.save(post("elsewhere", 0));
        assertThat(news.posts().load(blog)).containsExactlyInAnyOrder(first, second);
        assertThat(first.blog().load(blog)).contains(news);
        assertThat(blog.save(first.toBuilder().blog(null).build()).blog().load(blog)).isEmpty();

        LoyaltyCard card = shop.save(LoyaltyCard.builder().build());
        Customer ana = shop.save(Customer.builder().email("ana@example.com").name("Ana").loyalty(card).build());
        assertThat(ana.loyalty().load(shop)).contains(card);
    }

    /** As the server gives them: a room's messages by writtenAt (its index's sort key), not by id. */
    @Test
    void childrenFoundThroughAnIndexComeInItsOrder() {
        try (DataStore chat = DataStore.open(com.example.chat.DataStoreModels.REGISTRY, temp.resolve("chat.db"))) {
            Room room = chat.save(Room.builder().name("general").build());
            OffsetDateTime noon = OffsetDateTime.parse("2026-11-26T12:00:00Z");
            // key order (a before b) is the opposite of writtenAt order
            Message late = chat.save(Message.builder().id("a").room(room).writtenAt(noon).text("late").build());
            Message early = chat.save(Message.builder().id("b").room(room).writtenAt(noon.minusHours(1)).text("early").build());
            assertThat(chat.query(Message.class)).containsExactly(late, early);
            assertThat(room.messages().load(chat)).containsExactly(early, late);
        }
    }

    @Test
    void hasOneChildrenGoWithTheirParent() {
        LoyaltyCard card = shop.save(LoyaltyCard.builder().build());
        Customer customer = shop.save(Customer.builder().email("a@example.com").name("A").loyalty(card).build());
        shop.delete(customer);
        assertThat(shop.query(LoyaltyCard.class)).isEmpty();
    }

    @Test
    void batchIsAllOrNothing() {
        Post a = post("a", 1);
        Post b = post("b", 2);
        blog.batch(batch -> batch.save(a).save(b));
        assertThat(blog.query(Post.class)).hasSize(2);
        assertThatThrownBy(() -> blog.batch(batch -> batch.save(post("c", 3)).delete(a)
                .save(Post.builder().title("bad").build().toBuilder().id(null).build())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(blog.query(Post.class)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void everyWriteAndReadHasAnAsyncFormThatCompletesAfterCommit() {
        Post a = blog.saveAsync(post("a", 1)).join();
        assertThat(blog.query(Post.class)).containsExactly(a); // committed once the future completes
        assertThat(blog.saveAsync(a.toBuilder().rating(2).build(), Post.RATING.eq(5)))
                .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ConditionNotMetException.class);
        Post a2 = blog.saveAsync(a.toBuilder().rating(2).build(), Post.RATING.eq(1)).join();

        blog.batchAsync(batch -> batch.save(post("b", 3)).save(post("c", 4))).join();
        assertThat(blog.queryAsync(Post.class).join()).extracting(Post::title).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(blog.queryAsync(Post.class, Post.RATING.ge(3)).join()).extracting(Post::title).containsExactlyInAnyOrder("b", "c");
        assertThat(blog.queryAsync(Post.class, QueryPredicate.all(), List.of(Post.RATING.descending()), Page.first(1)).join())
                .extracting(Post::title).containsExactly("c");
        assertThat(blog.getAsync(Post.class, a.id()).join()).contains(a2);
        assertThat(blog.getAsync(Post.class, "missing").join()).isEmpty();

        assertThat(blog.deleteAsync(a2, Post.RATING.eq(9))).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(ConditionNotMetException.class);
        assertThat(blog.deleteAsync(a2, Post.RATING.eq(2)).join()).isTrue();
        assertThat(blog.deleteAsync(Post.class, Post.TITLE.eq("b")).join()).isEqualTo(1);
        Post c = blog.query(Post.class).get(0);
        assertThat(blog.deleteAsync(Post.class, c.id()).join()).isTrue();
        assertThat(blog.deleteAsync(c).join()).isFalse();
        assertThat(blog.query(Post.class)).isEmpty();
        assertThat(drainOutbox(blog)).as("conditional writes are queued as they are; b and c were created and deleted unsent")
                .containsExactly("CREATE Post " + a.id(), "UPDATE Post " + a.id(), "DELETE Post " + a.id());

        blog.saveAsync(post("d", 1)).join();
        blog.clearAsync().join();
        assertThat(blog.query(Post.class)).isEmpty();
        assertThat(blog.outbox().size()).isZero();
    }

    /**
     * What an app chains to a future runs on the store's callback threads (or on its own, when the
     * future has completed already): not on the thread holding the write lock, nor on the few
     * threads asynchronous reads run on.
     */
    @Test
    void actionsChainedToFuturesRunOnTheStoresCallbackThreads() {
        Post post = blog.save(post("async", 1));
        String caller = Thread.currentThread().getName();
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<List<Post>> query = blog.queryAsync(Post.class, Post.TITLE.eq("async"), List.of(), Page.all());
            threads.add(query.thenApply(posts -> Thread.currentThread().getName()).join());
            assertThat(query.join()).containsExactly(post);
            threads.add(blog.saveAsync(post("write " + i, 1)).thenApply(saved -> Thread.currentThread().getName()).join());
            threads.add(blog.getAsync(Post.class, post.id()).thenApply(found -> Thread.currentThread().getName()).join());
        }
        assertThat(threads).allMatch(name -> name.equals(caller) || name.equals("datastore4j-callback"))
                .contains("datastore4j-callback");
    }

    /**
     * A slow action chained to a write's future keeps no other write waiting. Run where the write
     * completed, it held the write lock: every write of the store waited until it returned.
     */
    @Test
    void aSlowActionChainedToAWriteHoldsUpNoOtherWrite() throws Exception {
        Thread caller = Thread.currentThread();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow;
        do { // until the action is chained before the write completes, so that it does not run here
            slow = blog.saveAsync(post("slow", 1)).thenRun(() -> {
                if (Thread.currentThread() != caller) {
                    await(release);
                }
            });
        } while (slow.isDone());
        try {
            assertThat(blog.saveAsync(post("next", 2))).succeedsWithin(Duration.ofSeconds(10));
            assertThat(blog.deleteAsync(Post.class, Post.TITLE.eq("next"))).succeedsWithin(Duration.ofSeconds(10));
        } finally {
            release.countDown();
        }
        assertThat(slow).succeedsWithin(Duration.ofSeconds(10));
    }

    /**
     * An action may wait for another of the store's futures, or write itself. (Run where the write
     * completed, the first waited for ever, for a write queued behind the lock its thread held; it
     * gives up here after 10 s, so that a test run cannot hang.)
     */
    @Test
    void anActionMayWaitForTheStoreOrWriteItself() {
        CompletableFuture<Post> first = blog.saveAsync(post("first", 1));
        CompletableFuture<Post> second = blog.saveAsync(post("second", 2));
        CompletableFuture<Post> both = first.thenApply(saved -> second.orTimeout(10, TimeUnit.SECONDS).join());
        CompletableFuture<Post> written = first.thenApply(saved -> blog.save(post("written in an action", 3)));
        assertThat(both).succeedsWithin(Duration.ofSeconds(10));
        assertThat(written).succeedsWithin(Duration.ofSeconds(10));
        assertThat(blog.query(Post.class)).extracting(Post::title)
                .containsExactlyInAnyOrder("first", "second", "written in an action");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void clearRemovesRecordsAndOutbox() {
        blog.save(post("a", 1));
        blog.clear();
        assertThat(blog.query(Post.class)).isEmpty();
        assertThat(blog.outbox().size()).isZero();
    }

    @Test
    void reopeningKeepsEverything() {
        Post post = blog.save(post("kept", 1));
        blog.close();
        blog = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, temp.resolve("blog.db"));
        assertThat(blog.query(Post.class)).containsExactly(post);
        assertThat(blog.outbox().peek().orElseThrow().recordId()).isEqualTo(post.id());
    }

    @Test
    void aKeyOfTheWrongKindIsRefusedSayingWhatToPass() {
        assertThatThrownBy(() -> blog.get(Post.class, 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Post.id holds String (ID), not Integer: 42");
        assertThatThrownBy(() -> shop.get(Order.class, "ana@example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order has a composite key (customerEmail, placedAt): pass Order.Identifier");
        assertThatThrownBy(() -> shop.delete(Order.class, "ana@example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order has a composite key (customerEmail, placedAt): pass Order.Identifier");
        assertThat(shop.outbox().size()).isZero();
    }

    @Test
    void aMissingArgumentIsNamedAtOnce() {
        assertThatThrownBy(() -> blog.save(null)).isInstanceOf(NullPointerException.class).hasMessage("model");
        assertThatThrownBy(() -> blog.save(post("a", 1), null)).isInstanceOf(NullPointerException.class).hasMessage("condition");
        assertThatThrownBy(() -> blog.get(Post.class, null)).isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> blog.delete(Post.class, (Object) null)).isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> blog.query(null)).isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> blog.query(Post.class, null)).isInstanceOf(NullPointerException.class).hasMessage("predicate");
        assertThatThrownBy(() -> blog.queryAsync(Post.class, QueryPredicate.all(), List.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("page");
        assertThatThrownBy(() -> blog.deleteAsync(Post.class, (QueryPredicate<Post>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("predicate");
        assertThatThrownBy(() -> blog.getAsync(Post.class, null)).isInstanceOf(NullPointerException.class).hasMessage("id");
        // streams check when asked for, not later on the thread that delivers changes
        assertThatThrownBy(() -> blog.observe(Post.class, null)).isInstanceOf(NullPointerException.class).hasMessage("predicate");
        assertThatThrownBy(() -> blog.observeQuery(Post.class, QueryPredicate.all(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("sort");
        assertThat(blog.outbox().size()).isZero();
    }

    @Test
    void closedStoreRefusesWork() {
        blog.query(Post.class); // a read connection is pooled now
        blog.close();
        assertThatThrownBy(() -> blog.save(post("late", 1))).isInstanceOf(DataStoreException.class)
                .hasMessage("the store is closed");
        assertThatThrownBy(() -> blog.query(Post.class)).isInstanceOf(DataStoreException.class)
                .hasMessage("the store is closed");
        assertThatThrownBy(() -> blog.queryAsync(Post.class, QueryPredicate.all(), List.of(), Page.all()).join())
                .hasCauseInstanceOf(DataStoreException.class).hasRootCauseMessage("the store is closed");
        assertThatThrownBy(() -> blog.saveAsync(post("late", 1)).join())
                .hasCauseInstanceOf(DataStoreException.class).hasRootCauseMessage("the store is closed");
    }

    static List<String> drainOutbox(DataStore store) {
        List<String> entries = new ArrayList<>();
        for (var next = store.outbox().next(); next.isPresent(); next = store.outbox().next()) {
            entries.add(next.get().type() + " " + next.get().model() + " " + next.get().recordId());
            store.outbox().remove(next.get());
        }
        return entries;
    }
}
