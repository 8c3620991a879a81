package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.Post;
import com.example.blog.PostStatus;
import com.example.shop.DataStoreModels;
import com.example.shop.Order;
import com.example.shop.OrderStatus;
import com.example.shop.Product;
import dev.datastore4j.model.Model;
import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.query.SortBy;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries compiled to SQL must select exactly the records {@link QueryPredicate#test} accepts:
 * every operator on every kind of field, nulls included, fixed cases and random combinations.
 */
class PredicateTest {
    @TempDir
    static Path temp;

    private static DataStore blog;
    private static DataStore shop;
    private static final List<Post> POSTS = new ArrayList<>();
    private static final List<Product> PRODUCTS = new ArrayList<>();
    private static final List<Order> ORDERS = new ArrayList<>();

    @BeforeAll
    static void fill() {
        blog = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, temp.resolve("blog.db"));
        shop = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("shop.db"));
        // the last two sort in another order by UTF-16 units than by code points (as SQLite and AppSync do)
        // no empty title: the title is the key of an index (an empty content stands for it below)
        String[] titles = {"Hello", "hello world", "Help", " ", "100% off_", "O'Brien \"quoted\"", "ünïcødé 😀", "h",
            "😀 smile", "\uFFFD replaced"};
        for (int i = 0; i < 40; i++) {
            Post.Builder post = Post.builder().title(titles[i % titles.length] + (i < titles.length ? "" : " " + i))
                    .status(PostStatus.values()[i % 3]);
            post.rating(i % 5 == 0 ? null : i % 7 - 2);
            post.content(i % 4 == 0 ? null : i % 6 == 3 ? "" : "content " + (i % 6));
            // U+001F, which Jackson and SQLite escape with upper- and lower-case hex: list elements compare by value
            post.tags(i % 3 == 0 ? null : i % 3 == 1 ? List.of("java", "db") : List.of("db", "unit\u001Fseparated"));
            post.publishedOn(i % 6 == 0 ? null : LocalDate.of(2024, 1 + i % 12, 1 + i % 28));
            POSTS.add(blog.save(post.build()));
        }
        for (int i = 0; i < 20; i++) {
            PRODUCTS.add(shop.save(Product.builder().sku("SKU-" + (char) ('A' + i)).name("item " + i % 4)
                    .price(i * 1.5).inStock(i % 3 == 0 ? null : i % 2 == 0)
                    .ratings(i % 4 == 1 ? null : i % 4 == 2 ? List.of(-0.0, 4.5) : List.of(i * 0.5, 1e300))
                    .available(i % 4 == 0 ? null : LocalDate.of(2024, 1, 1 + i))
                    .opens(i % 5 == 0 ? null : LocalTime.of(6 + i % 6, i % 60)).build()));
            ORDERS.add(shop.save(Order.builder().customerEmail("c" + i % 3 + "@example.com")
                    .placedAt(OffsetDateTime.of(2024, 3, 1 + i, 10, 0, 0, i * 1000, ZoneOffset.ofHours(i % 5 - 2)))
                    .status(OrderStatus.values()[i % 4]).total(i == 0 ? -0.0 : 10.0 * i).lines(List.of())
                    .receipt(i % 3 == 0 ? null : URI.create((i % 3 == 1 ? "https://shop.example/r/" : "HTTPS://Shop.Example/r/") + i % 2))
                    .build()));
        }
    }

    @AfterAll
    static void close() {
        blog.close();
        shop.close();
    }

    private static void check(QueryPredicate<Post> predicate) {
        check(blog, Post.class, POSTS, predicate, Function.identity());
    }

    private static void checkProduct(QueryPredicate<Product> predicate) {
        check(shop, Product.class, PRODUCTS, predicate, Function.identity());
    }

    /** Orders read back in UTC, so they are compared by key. */
    private static void checkOrder(QueryPredicate<Order> predicate) {
        check(shop, Order.class, ORDERS, predicate, o -> o.customerEmail() + o.placedAt().toInstant());
    }

    /** The store selects exactly the records of {@code saved} that {@code predicate} accepts in Java. */
    private static <M extends Model> void check(DataStore store, Class<M> type, List<M> saved, QueryPredicate<M> predicate,
            Function<M, ?> identity) {
        List<Object> expected = saved.stream().filter(predicate::test).<Object>map(identity::apply).toList();
        List<Object> actual = store.query(type, predicate).stream().<Object>map(identity::apply).toList();
        assertThat(actual).as("%s", predicate).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void stringOperators() {
        for (String value : List.of("Hello", "hello", "", "%", "_", "'", "\"", "ünï", "😀", "h", "Help 16", "\uFFFD")) {
            check(Post.TITLE.eq(value));
            check(Post.TITLE.ne(value));
            check(Post.TITLE.beginsWith(value));
            check(Post.TITLE.contains(value));
            check(Post.TITLE.notContains(value));
            check(Post.TITLE.lt(value));
            check(Post.TITLE.ge(value));
            check(Post.CONTENT.eq(value));
            check(Post.CONTENT.ne(value));
            check(Post.CONTENT.beginsWith(value));
            check(Post.CONTENT.contains(value));
            check(Post.CONTENT.notContains(value));
            check(Post.CONTENT.lt(value));
            check(Post.CONTENT.ge(value));
        }
        check(Post.TITLE.between("Hello", "help"));
    }

    @Test
    void numbersNullsEnumsListsAndDates() {
        for (int value = -3; value <= 5; value++) {
            check(Post.RATING.eq(value));
            check(Post.RATING.ne(value));
            check(Post.RATING.lt(value));
            check(Post.RATING.le(value));
            check(Post.RATING.gt(value));
            check(Post.RATING.ge(value));
            check(Post.RATING.between(value, value + 2));
        }
        check(Post.RATING.isNull());
        check(Post.RATING.isNotNull());
        check(Post.CONTENT.isNull());
        for (PostStatus status : PostStatus.values()) {
            check(Post.STATUS.eq(status));
            check(Post.STATUS.ne(status));
        }
        for (String tag : List.of("java", "db", "none", "", "unit\u001Fseparated")) {
            check(Post.TAGS.contains(tag));
            check(Post.TAGS.notContains(tag));
        }
        check(Post.TAGS.isNull());
        check(Post.PUBLISHED_ON.gt(LocalDate.of(2024, 6, 1)));
        check(Post.PUBLISHED_ON.between(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 8, 31)));
    }

    @Test
    void shopTypes() {
        for (double price : new double[] {0, 1.5, 7.4, 30}) {
            checkProduct(Product.PRICE.gt(price));
            checkProduct(Product.PRICE.le(price));
        }
        checkProduct(Product.IN_STOCK.eq(true));
        checkProduct(Product.IN_STOCK.eq(false));
        checkProduct(Product.IN_STOCK.ne(true));
        checkProduct(Product.IN_STOCK.isNull());
        checkProduct(Product.OPENS.ge(LocalTime.of(8, 30)));
        checkProduct(Product.AVAILABLE.lt(LocalDate.of(2024, 1, 10)));
        checkProduct(Product.SKU.beginsWith("SKU-A"));
        OffsetDateTime noon = OffsetDateTime.of(2024, 3, 10, 12, 0, 0, 0, ZoneOffset.ofHours(3));
        checkOrder(Order.PLACED_AT.gt(noon));
        checkOrder(Order.PLACED_AT.le(noon));
        checkOrder(Order.PLACED_AT.between(noon, noon.plusDays(5)));
        checkOrder(Order.CUSTOMER_EMAIL.eq("c1@example.com").and(Order.STATUS.ne(OrderStatus.PAID)));
        // the same instant at another offset is the same AWSDateTime (the store keeps it in UTC)
        for (Order order : ORDERS.subList(0, 5)) {
            OffsetDateTime elsewhere = order.placedAt().withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 45));
            checkOrder(Order.PLACED_AT.eq(elsewhere));
            checkOrder(Order.PLACED_AT.ne(elsewhere));
            checkOrder(Order.PLACED_AT.ge(elsewhere));
            checkOrder(Order.PLACED_AT.lt(elsewhere));
            checkOrder(Order.PLACED_AT.between(elsewhere, elsewhere));
        }
        // an AWSURL is its text: java.net.URI would take HTTPS://Shop.Example for https://shop.example
        for (String receipt : List.of("https://shop.example/r/0", "HTTPS://Shop.Example/r/1", "https://shop.example/r/1")) {
            checkOrder(Order.RECEIPT.eq(URI.create(receipt)));
            checkOrder(Order.RECEIPT.ne(URI.create(receipt)));
        }
        // and -0.0 is 0.0, as in SQL, in lists too
        for (double rating : new double[] {0.0, -0.0, 4.5, 1e300, 2}) {
            checkProduct(Product.RATINGS.contains(rating));
            checkProduct(Product.RATINGS.notContains(rating));
        }
        checkProduct(Product.PRICE.eq(-0.0));
        checkProduct(Product.PRICE.ne(-0.0));
        checkProduct(Product.PRICE.ge(-0.0));
        checkProduct(Product.PRICE.lt(-0.0));
    }

    @Test
    void sortingAndPaging() {
        List<SortBy<Post>> sort = List.of(Post.RATING.descending(), Post.TITLE.ascending());
        List<Post> all = blog.query(Post.class, QueryPredicate.all(), sort, Page.all());
        Comparator<Post> byRating = Comparator.comparing(Post::rating, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()));
        Comparator<Post> byTitle = Comparator.comparing(post -> post.title().codePoints().toArray(), Arrays::compare);
        assertThat(all).isSortedAccordingTo(byRating.reversed().thenComparing(byTitle)); // SQLite: by code point
        List<Post> paged = new ArrayList<>();
        for (int page = 0; page < 7; page++) {
            paged.addAll(blog.query(Post.class, QueryPredicate.all(), sort, Page.of(page, 6)));
        }
        assertThat(paged).isEqualTo(all);
        assertThat(blog.query(Post.class, QueryPredicate.all(), sort, Page.of(100, 6))).isEmpty();
        assertThatThrownBy(() -> Page.first(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a page needs an index of 0 or more and a size of 1 or more, not index 0 and size 0");
        assertThatThrownBy(() -> Page.of(-1, 6)).hasMessageEndingWith("not index -1 and size 6");
    }

    /** Random and/or/not trees over random comparisons; the seed is printed for replay. */
    @RepeatedTest(30)
    void randomCombinations(RepetitionInfo repetition) {
        long seed = Seeds.seed("PredicateTest.randomCombinations", "datastore4j.predicateSeed", repetition);
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            check(randomTree(random, 3, POST_LEAVES));
        }
    }

    /**
     * The same over orders, whose values the store keeps in another form than Java holds them:
     * times at any offset (kept in UTC), -0.0 (equal to 0.0 in SQL), URLs differing only in case.
     */
    @RepeatedTest(20)
    void randomCombinationsOverOrders(RepetitionInfo repetition) {
        long seed = Seeds.seed("PredicateTest.randomCombinationsOverOrders", "datastore4j.predicateSeed", repetition);
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            checkOrder(randomTree(random, 3, ORDER_LEAVES));
        }
    }

    private static final List<Function<Random, QueryPredicate<Order>>> ORDER_LEAVES = List.of(
            r -> Order.PLACED_AT.eq(randomTime(r)),
            r -> Order.PLACED_AT.ne(randomTime(r)),
            r -> Order.PLACED_AT.le(randomTime(r)),
            r -> Order.PLACED_AT.gt(randomTime(r)),
            r -> Order.TOTAL.eq(r.nextBoolean() ? -0.0 : 10.0 * r.nextInt(20)),
            r -> Order.TOTAL.lt(r.nextBoolean() ? -0.0 : 10.0 * r.nextInt(20)),
            r -> Order.RECEIPT.eq(URI.create((r.nextBoolean() ? "https://shop.example/r/" : "HTTPS://Shop.Example/r/")
                    + r.nextInt(2))),
            r -> Order.STATUS.ne(OrderStatus.values()[r.nextInt(4)]),
            r -> Order.RECEIPT.isNull());

    /** One of the stored orders' times (at some other offset), or a time near them. */
    private static OffsetDateTime randomTime(Random random) {
        OffsetDateTime near = ORDERS.get(random.nextInt(ORDERS.size())).placedAt();
        if (random.nextInt(4) == 0) {
            near = near.plusNanos(random.nextBoolean() ? 1 : -1);
        }
        return near.withOffsetSameInstant(ZoneOffset.ofHours(random.nextInt(27) - 12));
    }

    private static final List<Function<Random, QueryPredicate<Post>>> POST_LEAVES = List.of(
            r -> Post.RATING.gt(r.nextInt(8) - 3),
            r -> Post.RATING.eq(r.nextInt(8) - 3),
            r -> Post.RATING.ne(r.nextInt(8) - 3),
            r -> Post.TITLE.beginsWith(List.of("H", "he", "ü", "").get(r.nextInt(4))),
            r -> Post.CONTENT.contains(String.valueOf(r.nextInt(6))),
            r -> Post.STATUS.eq(PostStatus.values()[r.nextInt(3)]),
            r -> Post.TAGS.contains(r.nextBoolean() ? "java" : "db"),
            r -> Post.PUBLISHED_ON.le(LocalDate.of(2024, 1 + r.nextInt(12), 1)),
            r -> Post.CONTENT.isNull());

    /** A random and/or/not tree of {@code depth} levels at most over random {@code leaves}. */
    private static <M extends Model> QueryPredicate<M> randomTree(Random random, int depth,
            List<Function<Random, QueryPredicate<M>>> leaves) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return leaves.get(random.nextInt(leaves.size())).apply(random);
        }
        QueryPredicate<M> left = randomTree(random, depth - 1, leaves);
        return switch (random.nextInt(3)) {
            case 0 -> left.and(randomTree(random, depth - 1, leaves));
            case 1 -> left.or(randomTree(random, depth - 1, leaves));
            default -> left.not();
        };
    }
}
