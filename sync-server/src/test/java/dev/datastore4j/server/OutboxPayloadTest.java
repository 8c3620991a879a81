package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.blog.Blog;
import com.example.blog.Comment;
import com.example.blog.Post;
import com.example.blog.PostStatus;
import com.example.defaults.Level;
import com.example.defaults.Setting;
import com.example.shop.Address;
import com.example.shop.Customer;
import com.example.shop.DataStoreModels;
import com.example.shop.LoyaltyCard;
import com.example.shop.Order;
import com.example.shop.OrderLine;
import com.example.shop.OrderStatus;
import com.example.shop.Product;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.store.DataStore;
import dev.datastore4j.store.PendingMutation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store's outbox against this server: each pending mutation, its model's fields less
 * the read-only ones (the server sets {@code createdAt} and {@code updatedAt}; a delete keeps only
 * the key), with the record's last {@code _version} (as a sync engine adds from the store's
 * metadata), is taken as the input of the mutation it names, with its condition, and every value
 * comes back as it was queued. The shop schema
 * holds every AWS scalar, non-model objects, lists, an enum and a composite key; a value the
 * runtime wrote in a form the server refuses (an AWSTimestamp as text, say) fails here.
 */
class OutboxPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyQueuedValueIsTakenByTheServerAsItIs() throws Exception {
        try (SyncServer server = server("shop");
                DataStore store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("app.db"))) {
            Address home = Address.builder().street("1 Main St \"North\"").city("Zürich 😀").zip("8001").build();
            Customer ana = store.save(Customer.builder().email("o'neil+tag@example.com").name("Ana").phone("+41 44 668 18 00")
                    .lastSeenFrom("2001:db8::/32").address(home).build());
            store.save(LoyaltyCard.builder().issued(Instant.parse("2024-02-29T23:59:59Z")).customer(ana).build());
            Order order = store.save(Order.builder().customerEmail(ana.email())
                    .placedAt(OffsetDateTime.of(2024, 5, 1, 12, 30, 15, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30)))
                    .status(OrderStatus.PAID).total(19.99).shipTo(home).metadata("{\"gift\": true, \"note\": [1, null]}")
                    .receipt(URI.create("https://example.com/r?id=1&x=%20")).customer(ana)
                    .lines(List.of(OrderLine.builder().sku("A-1").quantity(2).price(9.995).build())).build());
            Product anvil = store.save(Product.builder().sku("A-1").name("Anvil").price(1e-7).ratings(List.of(4.5, -0.0, 1e300))
                    .inStock(false).available(LocalDate.of(2024, 1, 1)).opens(LocalTime.of(9, 0, 0, 1)).build());
            Map<String, JsonNode> versions = new HashMap<>();
            assertThat(sendAll(server, store, DataStoreModels.REGISTRY, versions)).isEqualTo(4);

            Product repriced = store.save(anvil.toBuilder().price(2.5).ratings(List.of()).opens(LocalTime.NOON).available(null)
                    .build());
            store.save(ana.toBuilder().address(null).phone("(678) 198-2162").build());
            // a condition the store met is met on the server too
            store.save(order.toBuilder().status(OrderStatus.SHIPPED).build(),
                    Order.TOTAL.between(19.99, 20.0).and(Order.STATUS.eq(OrderStatus.PAID)).and(Order.RECEIPT.eq(order.receipt()))
                            .and(Order.METADATA.contains("gift")).and(Order.CUSTOMER_ORDERS_EMAIL.beginsWith("o'neil")));
            assertThat(sendAll(server, store, DataStoreModels.REGISTRY, versions)).isEqualTo(3);
            assertThat(versions.get(anvil.sku()).intValue()).isEqualTo(2);

            store.delete(repriced, Product.OPENS.eq(LocalTime.NOON).and(Product.AVAILABLE.isNull()).and(Product.PRICE.ge(2.5)));
            store.delete(Order.class, Order.CUSTOMER_EMAIL.eq(ana.email())); // a composite key
            assertThat(sendAll(server, store, DataStoreModels.REGISTRY, versions)).isEqualTo(2);
            assertThat(versions.get(anvil.sku()).intValue()).isEqualTo(3);
        }
    }

    @Test
    void relationshipsKeysAndCascadedDeletesToo() throws Exception {
        try (SyncServer server = server("blog");
                DataStore store = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, temp.resolve("blog.db"))) {
            Blog news = store.save(Blog.builder().name("News").build());
            Post post = store.save(Post.builder().title("Hello").content("*Markdown*").rating(4).status(PostStatus.PUBLISHED)
                    .tags(List.of("a", "b")).publishedOn(LocalDate.of(2024, 2, 29)).blog(news).build());
            store.save(Comment.builder().content("first").post(post).build());
            Map<String, JsonNode> versions = new HashMap<>();
            assertThat(sendAll(server, store, com.example.blog.DataStoreModels.REGISTRY, versions)).isEqualTo(3);
            Post rated = store.save(post.toBuilder().tags(null).rating(5).build(), Post.RATING.eq(4).and(Post.TAGS.contains("b")));
            // the largest condition the store queues (an or of 299 comparisons: 300) is one the server takes
            QueryPredicate<Post> anyRating = Post.RATING.eq(5);
            for (int i = 1; i < 299; i++) {
                anyRating = anyRating.or(Post.RATING.eq(5 + i));
            }
            store.save(rated.toBuilder().title("Hello again").build(), anyRating);
            store.delete(news); // its post and the post's comment go too
            assertThat(sendAll(server, store, com.example.blog.DataStoreModels.REGISTRY, versions)).isEqualTo(5);
        }
    }

    /**
     * The largest record the store takes (an item of 400 KB as AppSync's DynamoDB counts it, the
     * timestamps the server sets among it) is taken by the server too, and one byte more is
     * refused by both, in the same words.
     */
    @Test
    void theLargestRecordTheStoreTakesTheServerTakesToo() throws Exception {
        try (SyncServer server = server("blog");
                DataStore store = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, temp.resolve("blog.db"))) {
            Post post = Post.builder().id("big").title("t").build();
            int content = 409_600;
            String refused = catchThrowable(() -> store.save(post.toBuilder().content("x".repeat(content)).build())).getMessage();
            int over = Integer.parseInt(refused.replaceAll("the Post record takes (\\d+) bytes.*", "$1")) - 409_600;
            Post largest = store.save(post.toBuilder().content("x".repeat(content - over)).build());
            String oneMore = "the Post record takes 409601 bytes as an item of AppSync's DynamoDB table, which holds at most"
                    + " 409600 (400 KB)";
            assertThatThrownBy(() -> store.save(largest.toBuilder().content(largest.content() + "x").build()))
                    .hasMessage(oneMore);
            Map<String, JsonNode> versions = new HashMap<>();
            assertThat(sendAll(server, store, com.example.blog.DataStoreModels.REGISTRY, versions)).isEqualTo(1);
            assertThatThrownBy(() -> new SyncSemanticsTest.Client(server).graphql(
                    "mutation m($i: UpdatePostInput!) { updatePost(input: $i) { id } }",
                    Map.of("i", Map.of("id", "big", "content", largest.content() + "x", "_version", 1))))
                    .hasMessageContaining("BadRequest").hasMessageContaining(oneMore);
        }
    }

    /**
     * Whatever mix of saves, conditional saves, deletes and cascading deletes an app makes, a server
     * sent its outbox from time to time (as a sync engine sends it, each record's last
     * {@code _version} added) holds then exactly the records the store holds, field for field: the
     * outbox's merges, the payloads and the server's handling of them agree, also for a record
     * saved again under the id of one whose delete the server already has. The seed is printed;
     * {@code -Ddatastore4j.replaySeed=<seed>} replays one.
     */
    @RepeatedTest(3)
    void aServerSentTheOutboxHoldsWhatTheStoreHolds(RepetitionInfo repetition) throws Exception {
        List<String> blogs = List.of(Blog.builder().name("-").build().id(), Blog.builder().name("-").build().id());
        List<String> posts = IntStream.range(0, 4).mapToObj(i -> Post.builder().title("-").build().id()).toList();
        List<String> comments = IntStream.range(0, 4).mapToObj(i -> Comment.builder().content("-").build().id()).toList();
        replay("aServerSentTheOutboxHoldsWhatTheStoreHolds", repetition, "blog", com.example.blog.DataStoreModels.REGISTRY,
                (store, random, step) -> {
                    switch (random.nextInt(8)) {
                        case 0 -> store.save(Blog.builder().id(any(random, blogs)).name("b" + step).build());
                        case 1, 2 -> store.save(randomPost(random, any(random, posts), any(random, blogs), step));
                        case 3 -> store.save(Comment.builder().id(any(random, comments)).content("c" + step)
                                .postCommentsId(any(random, posts)).build());
                        case 4 -> { // a conditional save, on a condition met or its negation
                            Optional<Post> stored = store.get(Post.class, any(random, posts));
                            if (stored.isPresent()) {
                                QueryPredicate<Post> condition = Post.RATING.gt(random.nextInt(5))
                                        .or(Post.TAGS.contains(any(random, TAGS)));
                                store.save(randomPost(random, stored.get().id(), any(random, blogs), step),
                                        condition.test(stored.get()) ? condition : condition.not());
                            }
                        }
                        case 5 -> store.get(Blog.class, any(random, blogs)).ifPresent(store::delete); // its posts and their comments too
                        case 6 -> store.get(Post.class, any(random, posts)).ifPresent(store::delete);
                        default -> store.get(Comment.class, any(random, comments)).ifPresent(store::delete);
                    }
                });
    }

    /**
     * The same over the shop's models: composite keys (an order's time given at two offsets is one
     * key), a customer's delete taking its orders ({@code @hasMany}) and its card ({@code @hasOne}),
     * non-model objects and lists of them, and random values of the AWS scalars.
     */
    @RepeatedTest(3)
    void andOverCompositeKeysAndHasOneToo(RepetitionInfo repetition) throws Exception {
        List<String> customers = List.of("ana@example.com", "bo@example.com");
        List<OffsetDateTime> times = List.of(MOMENTS.get(0), MOMENTS.get(1), MOMENTS.get(3)); // the first two one instant
        List<String> cards = List.of(LoyaltyCard.builder().build().id(), LoyaltyCard.builder().build().id());
        replay("andOverCompositeKeysAndHasOneToo", repetition, "shop", DataStoreModels.REGISTRY, (store, random, step) -> {
            switch (random.nextInt(8)) {
                case 0 -> store.save(Customer.builder().email(any(random, customers)).name("n" + step).phone(anyOrNull(random, PHONES))
                        .lastSeenFrom(anyOrNull(random, NETWORKS)).address(random.nextBoolean() ? null : Address.builder()
                                .street(any(random, TEXTS)).city("c" + step).zip(anyOrNull(random, TEXTS)).build()).build());
                case 1, 2 -> {
                    Customer customer = Customer.builder().email(any(random, customers)).name("-").build();
                    Order order = randomOrder(random, customer, any(random, times)).toBuilder()
                            .customerOrdersEmail(random.nextInt(4) == 0 ? null : customer.email())
                            .lines(random.ints(random.nextInt(3), 0, 3).mapToObj(i -> OrderLine.builder().sku(any(random, TEXTS))
                                    .quantity(i).price(any(random, NUMBERS)).build()).toList()).build();
                    Optional<Order> stored = store.get(Order.class, order.identifier());
                    QueryPredicate<Order> condition = Order.STATUS.eq(any(random, List.of(OrderStatus.values())))
                            .or(Order.TOTAL.lt(any(random, NUMBERS)));
                    if (stored.isPresent() && random.nextBoolean()) { // a conditional save, on a condition met or its negation
                        store.save(order, condition.test(stored.get()) ? condition : condition.not());
                    } else {
                        store.save(order);
                    }
                }
                case 3 -> store.save(randomCard(random, null, any(random, cards)).toBuilder()
                        .loyaltyCardCustomerEmail(random.nextInt(3) == 0 ? null : any(random, customers)).build());
                case 4, 5 -> store.get(Customer.class, any(random, customers)).ifPresent(store::delete); // its orders and card too
                case 6 -> store.query(Order.class).stream().findAny().ifPresent(store::delete);
                default -> store.get(LoyaltyCard.class, any(random, cards)).ifPresent(store::delete);
            }
        });
    }

    /** One step of a replay: a write (or none) to the store. */
    @FunctionalInterface
    private interface Step {
        void take(DataStore store, Random random, int step) throws Exception;
    }

    /**
     * 150 random {@code steps} on a store of {@code registry}, its outbox sent every 15 to a server of
     * {@code schemaName}, which must then hold exactly what the store holds. Between steps, the
     * outbox's head is at times taken for sending (so that later writes of its record queue behind
     * it instead of merging into it) and at times sent, as a sync engine online now and then does,
     * and the store is at times closed and opened again, as an app restarted.
     */
    private void replay(String test, RepetitionInfo repetition, String schemaName, ModelRegistry registry, Step steps)
            throws Exception {
        long seed = Long.getLong("datastore4j.replaySeed", System.nanoTime() + repetition.getCurrentRepetition());
        System.out.println("OutboxPayloadTest." + test + " seed " + seed);
        Random random = new Random(seed);
        Path file = temp.resolve("replay.db");
        DataStore store = DataStore.open(registry, file);
        try (SyncServer server = server(schemaName)) {
            Map<String, JsonNode> versions = new HashMap<>();
            for (int step = 1; step <= 150; step++) {
                steps.take(store, random, step);
                switch (random.nextInt(12)) {
                    case 0, 1 -> store.outbox().next(); // the head taken for sending: later writes of its record queue behind it
                    case 2, 3 -> sendNext(server, store, registry, versions); // and the server answered
                    case 4 -> { // the app restarted: the outbox, and the head in flight, are as they were
                        store.close();
                        store = DataStore.open(registry, file);
                    }
                    default -> { }
                }
                if (step % 15 == 0) {
                    sendAll(server, store, registry, versions);
                    for (ModelSchema<?> model : registry.models()) {
                        assertThat(synced(server, model)).as("seed %d, step %d: %s", seed, step, model.name())
                                .isEqualTo(stored(store, model));
                    }
                }
            }
        } finally {
            store.close();
        }
    }

    private static final List<String> TAGS = List.of("java", "db", "");

    /**
     * A post with random values; its rating is never null, as the server gives a create's null its
     * {@code @default} (AppSync does too), which the store takes only from the server's answer.
     */
    private static Post randomPost(Random random, String id, String blog, int step) {
        return Post.builder().id(id).title("p" + step).content(random.nextBoolean() ? null : "*" + step + "*")
                .rating(random.nextInt(5)).status(any(random, List.of(PostStatus.values())))
                .tags(random.nextInt(3) == 0 ? null : random.ints(random.nextInt(3), 0, TAGS.size()).mapToObj(TAGS::get).toList())
                .publishedOn(random.nextBoolean() ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(400)))
                .blogPostsId(random.nextInt(4) == 0 ? null : blog).build();
    }

    /** The records the server holds (not deleted), by id: the fields a client writes, as JSON. */
    private Map<String, JsonNode> synced(SyncServer server, ModelSchema<?> model) throws Exception {
        Map<String, JsonNode> records = new HashMap<>();
        String next = null;
        do {
            String document = "query q($next: String) { " + model.operations().sync() + "(limit: 7, nextToken: $next) { items "
                    + selection(fieldsOf(model), "_deleted") + " nextToken } }";
            ObjectNode body = JSON.createObjectNode().put("query", document);
            body.putObject("variables").put("next", next);
            JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .get("data").get(model.operations().sync());
            for (JsonNode item : page.get("items")) {
                if (!item.get("_deleted").asBoolean()) {
                    records.put(key(model, item), numbersAsValues(((ObjectNode) item).without("_deleted")));
                }
            }
            next = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (next != null);
        return records;
    }

    /** The records the store holds, by key, as {@link #synced} gives the server's. */
    private static <M extends Model> Map<String, JsonNode> stored(DataStore store, ModelSchema<M> model) {
        Map<String, JsonNode> records = new HashMap<>();
        for (M record : store.query(model.modelClass())) {
            ObjectNode fields = JSON.createObjectNode();
            for (ModelField<M, ?> field : model.fields().stream().filter(field -> !field.isReadOnly()).toList()) {
                fields.set(field.name(), sent(field.type(), field.get(record)));
            }
            records.put(key(model, fields), numbersAsValues(fields));
        }
        return records;
    }

    /**
     * {@code json} with each number as a double of its value: an Int and an AWSTimestamp read back
     * as another node type, and -0.0 as 0.0 where the store keeps a Float in a column of its own
     * (SQLite keeps no negative zero), as DynamoDB's numbers and JavaScript's JSON do.
     */
    private static JsonNode numbersAsValues(JsonNode json) {
        if (json.isNumber()) {
            return JSON.getNodeFactory().numberNode(json.doubleValue() + 0.0); // + 0.0: -0.0 is 0.0
        } else if (json.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            json.forEach(element -> array.add(numbersAsValues(element)));
            return array;
        } else if (json.isObject()) {
            ObjectNode object = JSON.createObjectNode();
            json.properties().forEach(field -> object.set(field.getKey(), numbersAsValues(field.getValue())));
            return object;
        }
        return json;
    }

    private static String key(ModelSchema<?> model, JsonNode record) {
        return model.primaryKey().stream().map(field -> record.get(field.name()).asText()).collect(Collectors.joining("#"));
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'");

    /** {@code value} of {@code type} as the store sends it: times in UTC to the nanosecond, an AWSTimestamp in seconds. */
    @SuppressWarnings("unchecked")
    private static JsonNode sent(FieldType<?> type, Object value) {
        if (value == null) {
            return JSON.nullNode();
        } else if (type instanceof FieldType.ListType<?> list) {
            ArrayNode array = JSON.createArrayNode();
            ((List<?>) value).forEach(element -> array.add(sent(list.element(), element)));
            return array;
        } else if (type instanceof FieldType.EmbeddedType<?> embedded) {
            ObjectNode object = JSON.createObjectNode();
            for (ModelField<Object, ?> field : ((EmbeddedSchema<Object>) embedded.schema()).fields()) {
                object.set(field.name(), sent(field.type(), field.get(value)));
            }
            return object;
        }
        if (value instanceof Instant instant) {
            return JSON.getNodeFactory().numberNode(instant.getEpochSecond());
        } else if (value instanceof OffsetDateTime time) {
            return JSON.getNodeFactory().textNode(UTC.format(time.withOffsetSameInstant(ZoneOffset.UTC)));
        } else if (value instanceof LocalTime time) {
            return JSON.getNodeFactory().textNode(DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").format(time));
        } else if (value instanceof LocalDate || value instanceof URI) {
            return JSON.getNodeFactory().textNode(value.toString());
        }
        return JSON.valueToTree(value);
    }

    /**
     * A condition the store judges met is met on the server, and one it judges not met is not:
     * random records of every scalar type, at values where two readings could part (-0.0 and 0.0,
     * an emoji beside U+E000 to U+FFFF, empty text, times a nanosecond apart, a URL in capitals),
     * under random and/or/not trees of every operator. The store takes the condition when it holds
     * and its negation when not, and the server must take what the store took. The seed is printed;
     * {@code -Ddatastore4j.conditionSeed=<seed>} replays one.
     */
    @RepeatedTest(4)
    void conditionsAreJudgedAlikeByTheStoreAndTheServer(RepetitionInfo repetition) throws Exception {
        long seed = Long.getLong("datastore4j.conditionSeed", System.nanoTime() + repetition.getCurrentRepetition());
        System.out.println("OutboxPayloadTest.conditionsAreJudgedAlikeByTheStoreAndTheServer seed " + seed);
        Random random = new Random(seed);
        try (SyncServer server = server("shop");
                DataStore store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("conditions.db"))) {
            Map<String, JsonNode> versions = new HashMap<>();
            Customer ana = store.save(Customer.builder().email("ana@example.com").name("Ana").build());
            OffsetDateTime placedAt = OffsetDateTime.parse("2024-05-01T12:30:15Z");
            String cardId = store.save(LoyaltyCard.builder().customer(ana).build()).id();
            for (int i = 0; i < 30; i++) {
                judgedAlike(server, store, versions, random, OutboxPayloadTest::randomProduct, PRODUCT_LEAVES);
                judgedAlike(server, store, versions, random, r -> randomOrder(r, ana, placedAt), ORDER_LEAVES);
                judgedAlike(server, store, versions, random, r -> randomCard(r, ana, cardId), CARD_LEAVES);
            }
        }
    }

    /**
     * The same over the defaults schema's setting, which holds the scalars the shop's models do not
     * filter by: times at any offset (an AWSDateTime is sent in UTC, so its text order is time
     * order), AWSPhone, AWSIPAddress, AWSEmail, and an enum.
     */
    @RepeatedTest(2)
    void conditionsOnTheOtherScalarsToo(RepetitionInfo repetition) throws Exception {
        long seed = Long.getLong("datastore4j.conditionSeed", System.nanoTime() + repetition.getCurrentRepetition());
        System.out.println("OutboxPayloadTest.conditionsOnTheOtherScalarsToo seed " + seed);
        Random random = new Random(seed);
        try (SyncServer server = server("defaults");
                DataStore store = DataStore.open(com.example.defaults.DataStoreModels.REGISTRY, temp.resolve("settings.db"))) {
            Map<String, JsonNode> versions = new HashMap<>();
            String id = store.save(Setting.builder().build()).id();
            for (int i = 0; i < 60; i++) {
                judgedAlike(server, store, com.example.defaults.DataStoreModels.REGISTRY, versions, random, r -> Setting.builder()
                        .id(id).since(any(r, MOMENTS)).alarm(any(r, TIMES)).phone(any(r, PHONES)).network(any(r, NETWORKS))
                        .email(any(r, EMAILS)).level(any(r, List.of(Level.values()))).ratio(any(r, NUMBERS)).build(), SETTING_LEAVES);
            }
        }
    }

    /** Saves and sends {@code before}, then saves another record under the same key on a random condition, and sends it. */
    private <M extends Model> void judgedAlike(SyncServer server, DataStore store, Map<String, JsonNode> versions, Random random,
            Function<Random, M> records, List<Function<Random, QueryPredicate<M>>> leaves) throws Exception {
        judgedAlike(server, store, DataStoreModels.REGISTRY, versions, random, records, leaves);
    }

    private <M extends Model> void judgedAlike(SyncServer server, DataStore store, ModelRegistry registry,
            Map<String, JsonNode> versions, Random random, Function<Random, M> records,
            List<Function<Random, QueryPredicate<M>>> leaves) throws Exception {
        M before = store.save(records.apply(random));
        sendAll(server, store, registry, versions);
        QueryPredicate<M> condition = randomTree(random, 3, leaves);
        boolean met = condition.test(before);
        store.save(records.apply(random), met ? condition : condition.not()); // the store, too, judges it so
        sendAll(server, store, registry, versions); // fails unless the server takes it
    }

    private static final List<String> TEXTS = List.of("", "a", "A", "ab", "\u00e9", "\uD83D\uDE00", "\uE000", "\uFFFD",
            "a\uD83D\uDE00", "\uD83D\uDE00b", "o'neil \"q\"", "%_");
    /** The texts a product's name may hold: not the empty one, the name being the key of an index. */
    private static final List<String> NAMES = TEXTS.subList(1, TEXTS.size());
    private static final List<Double> NUMBERS = List.of(-0.0, 0.0, 1.5, -1.5, 3.0, 1e-300, 1e300, 0.1 + 0.2, 0.3);
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), LocalDate.of(1, 1, 1),
            LocalDate.of(9999, 12, 31));
    private static final List<LocalTime> TIMES = List.of(LocalTime.MIDNIGHT, LocalTime.of(9, 0), LocalTime.of(9, 0, 0, 1),
            LocalTime.of(8, 59, 59, 999_999_999), LocalTime.MAX);
    /** Times a condition may compare with: within an Int of seconds, as AppSync filters an AWSTimestamp (records hold any). */
    private static final List<Instant> INSTANTS = List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59Z"),
            Instant.parse("2024-03-01T00:00:00Z"), Instant.ofEpochSecond(Integer.MAX_VALUE), Instant.ofEpochSecond(Integer.MIN_VALUE));
    private static final List<URI> URLS = List.of(URI.create("https://shop.example/r/1"), URI.create("HTTPS://Shop.Example/r/1"),
            URI.create("https://shop.example/r/1?x=%20"));
    private static final List<String> JSON_TEXTS = List.of("{\"gift\": true}", "{\"gift\":true}", "[1, null]", "\"\u00e9\"", "1");

    private static <T> T any(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T anyOrNull(Random random, List<T> values) {
        return random.nextInt(4) == 0 ? null : any(random, values);
    }

    private static Product randomProduct(Random r) {
        return Product.builder().sku("P").name(any(r, NAMES)).price(any(r, NUMBERS))
                .ratings(r.nextInt(4) == 0 ? null : r.ints(r.nextInt(3), 0, NUMBERS.size()).mapToObj(NUMBERS::get).toList())
                .inStock(anyOrNull(r, List.of(true, false))).available(anyOrNull(r, DATES)).opens(anyOrNull(r, TIMES)).build();
    }

    private static Order randomOrder(Random r, Customer customer, OffsetDateTime placedAt) {
        return Order.builder().customerEmail(customer.email()).placedAt(placedAt).status(any(r, List.of(OrderStatus.values())))
                .total(any(r, NUMBERS)).lines(List.of()).metadata(anyOrNull(r, JSON_TEXTS)).receipt(anyOrNull(r, URLS))
                .customerOrdersEmail(anyOrNull(r, List.of(customer.email(), "b@example.com"))).build();
    }

    private static LoyaltyCard randomCard(Random r, Customer customer, String id) {
        return LoyaltyCard.builder().id(id).points(any(r, List.of(-1, 0, 100, Integer.MAX_VALUE, Integer.MIN_VALUE)))
                .issued(r.nextInt(5) == 0 ? Instant.parse("9999-12-31T23:59:59Z") : anyOrNull(r, INSTANTS))
                .customer(r.nextBoolean() ? customer : null).build();
    }

    private static final List<Function<Random, QueryPredicate<Product>>> PRODUCT_LEAVES = List.of(
            r -> Product.NAME.eq(any(r, TEXTS)),
            r -> Product.NAME.ne(any(r, TEXTS)),
            r -> Product.NAME.lt(any(r, TEXTS)),
            r -> Product.NAME.ge(any(r, TEXTS)),
            r -> Product.NAME.between(any(r, TEXTS), any(r, TEXTS)),
            r -> Product.NAME.beginsWith(any(r, TEXTS)),
            r -> Product.NAME.contains(any(r, TEXTS)),
            r -> Product.NAME.notContains(any(r, TEXTS)),
            r -> Product.PRICE.eq(any(r, NUMBERS)),
            r -> Product.PRICE.ne(any(r, NUMBERS)),
            r -> Product.PRICE.le(any(r, NUMBERS)),
            r -> Product.PRICE.gt(any(r, NUMBERS)),
            r -> Product.PRICE.between(any(r, NUMBERS), any(r, NUMBERS)),
            r -> Product.RATINGS.isNull(), // contains: AppSync's condition input has none for a list of Float
            r -> Product.IN_STOCK.eq(r.nextBoolean()),
            r -> Product.IN_STOCK.ne(r.nextBoolean()),
            r -> Product.IN_STOCK.isNotNull(),
            r -> Product.AVAILABLE.eq(any(r, DATES)),
            r -> Product.AVAILABLE.lt(any(r, DATES)),
            r -> Product.AVAILABLE.ge(any(r, DATES)),
            r -> Product.OPENS.eq(any(r, TIMES)),
            r -> Product.OPENS.ne(any(r, TIMES)),
            r -> Product.OPENS.gt(any(r, TIMES)),
            r -> Product.OPENS.between(any(r, TIMES), any(r, TIMES)));

    private static final List<Function<Random, QueryPredicate<Order>>> ORDER_LEAVES = List.of(
            r -> Order.STATUS.eq(any(r, List.of(OrderStatus.values()))),
            r -> Order.STATUS.ne(any(r, List.of(OrderStatus.values()))),
            r -> Order.TOTAL.ge(any(r, NUMBERS)),
            r -> Order.TOTAL.lt(any(r, NUMBERS)),
            r -> Order.METADATA.eq(any(r, JSON_TEXTS)),
            r -> Order.METADATA.contains(any(r, List.of("gift", " ", "\u00e9", "null"))),
            r -> Order.METADATA.isNull(),
            r -> Order.RECEIPT.eq(any(r, URLS)),
            r -> Order.RECEIPT.ne(any(r, URLS)),
            r -> Order.CUSTOMER_ORDERS_EMAIL.beginsWith(any(r, List.of("ana", "b", ""))),
            r -> Order.CUSTOMER_ORDERS_EMAIL.gt(any(r, List.of("ana@example.com", "b"))));

    private static final List<Function<Random, QueryPredicate<LoyaltyCard>>> CARD_LEAVES = List.of(
            r -> LoyaltyCard.POINTS.eq(any(r, List.of(-1, 0, 100, Integer.MAX_VALUE, Integer.MIN_VALUE))),
            r -> LoyaltyCard.POINTS.lt(any(r, List.of(-1, 0, 100, Integer.MAX_VALUE, Integer.MIN_VALUE))),
            r -> LoyaltyCard.POINTS.between(any(r, List.of(-1, 0, 100)), any(r, List.of(0, 100, Integer.MAX_VALUE))),
            r -> LoyaltyCard.ISSUED.eq(any(r, INSTANTS)),
            r -> LoyaltyCard.ISSUED.ge(any(r, INSTANTS)),
            r -> LoyaltyCard.ISSUED.isNull(),
            r -> LoyaltyCard.LOYALTY_CARD_CUSTOMER_EMAIL.ne("ana@example.com"));

    /** One instant at several offsets and a nanosecond either side of it, another the day before. */
    private static final List<OffsetDateTime> MOMENTS = List.of(OffsetDateTime.parse("2026-01-31T07:30:00+01:00"),
            OffsetDateTime.parse("2026-01-31T06:30:00Z"), OffsetDateTime.parse("2026-01-30T20:30:00-10:00"),
            OffsetDateTime.parse("2026-01-31T06:30:00.000000001Z"), OffsetDateTime.parse("2026-01-31T07:29:59.999999999+01:00"),
            OffsetDateTime.parse("2026-01-30T23:59:59+14:00"), OffsetDateTime.parse("0001-01-01T00:00:00Z"));
    private static final List<String> PHONES = List.of("+1 555 0100", "+15550100", "(678) 198-2162", "+41 44 668 18 00");
    private static final List<String> NETWORKS = List.of("192.0.2.0/24", "192.0.2.1", "2001:db8::/32", "2001:DB8::1", "::1");
    private static final List<String> EMAILS = List.of("nobody@example.com", "Nobody@Example.com", "o'neil+tag@example.com");

    private static final List<Function<Random, QueryPredicate<Setting>>> SETTING_LEAVES = List.of(
            r -> Setting.SINCE.eq(any(r, MOMENTS)),
            r -> Setting.SINCE.ne(any(r, MOMENTS)),
            r -> Setting.SINCE.lt(any(r, MOMENTS)),
            r -> Setting.SINCE.ge(any(r, MOMENTS)),
            r -> Setting.SINCE.between(any(r, MOMENTS), any(r, MOMENTS)),
            r -> Setting.ALARM.le(any(r, TIMES)),
            r -> Setting.PHONE.eq(any(r, PHONES)),
            r -> Setting.PHONE.contains(any(r, List.of("555", " ", "+"))),
            r -> Setting.NETWORK.beginsWith(any(r, List.of("192", "2001:db8", "2001:DB8", ":"))),
            r -> Setting.NETWORK.gt(any(r, NETWORKS)),
            r -> Setting.EMAIL.eq(any(r, EMAILS)),
            r -> Setting.EMAIL.lt(any(r, EMAILS)),
            r -> Setting.LEVEL.eq(any(r, List.of(Level.values()))),
            r -> Setting.LEVEL.ne(any(r, List.of(Level.values()))),
            r -> Setting.RATIO.gt(any(r, NUMBERS)));

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

    private SyncServer server(String schemaName) throws Exception {
        var schema = Codegen.compile(List.of(Path.of("..", "test-schemas", "schemas", "valid", schemaName + ".graphql")))
                .schema().orElseThrow();
        return SyncServer.builder(schema).port(0).database(temp.resolve(schemaName + "-server.db")).start();
    }

    /** The generated builder's @default of every scalar type and an enum is a value the server takes. */
    @Test
    void defaultsOfEveryTypeToo() throws Exception {
        try (SyncServer server = server("defaults");
                DataStore store = DataStore.open(com.example.defaults.DataStoreModels.REGISTRY, temp.resolve("defaults.db"))) {
            com.example.defaults.Setting setting = store.save(com.example.defaults.Setting.builder().build());
            Map<String, JsonNode> versions = new HashMap<>();
            assertThat(sendAll(server, store, com.example.defaults.DataStoreModels.REGISTRY, versions)).isEqualTo(1);
            store.save(setting.toBuilder().count(4).build());
            assertThat(sendAll(server, store, com.example.defaults.DataStoreModels.REGISTRY, versions)).isEqualTo(1);
        }
    }

    /**
     * Sends every pending mutation as the server's create, update or delete mutation, keeping each
     * record's {@code _version} in {@code versions}; returns how many were sent.
     */
    private int sendAll(SyncServer server, DataStore store, ModelRegistry registry, Map<String, JsonNode> versions)
            throws Exception {
        int sent = 0;
        while (sendNext(server, store, registry, versions)) {
            sent++;
        }
        return sent;
    }

    /** Sends the oldest pending mutation (the one in flight, if one is), as {@link #sendAll} does; false when none is pending. */
    private boolean sendNext(SyncServer server, DataStore store, ModelRegistry registry, Map<String, JsonNode> versions)
            throws Exception {
        Optional<PendingMutation> next = store.outbox().next();
        if (next.isPresent()) {
            PendingMutation mutation = next.get();
            ModelSchema<?> model = registry.schema(mutation.model());
            ObjectNode input = (ObjectNode) JSON.readTree(mutation.data());
            boolean delete = mutation.type() == PendingMutation.Type.DELETE;
            for (ModelField<?, ?> field : model.fields()) {
                if (field.isReadOnly() || delete && !model.primaryKey().contains(field)) { // a delete names its key
                    input.remove(field.name());
                }
            }
            String operation = switch (mutation.type()) {
                case CREATE -> model.operations().create();
                case UPDATE -> model.operations().update();
                case DELETE -> model.operations().delete();
            };
            String document = "mutation m($input: " + capitalized(operation) + "Input!, $condition: Model" + model.name()
                    + "ConditionInput) { " + operation + "(input: $input, condition: $condition) "
                    + selection(fieldsOf(model), "_version", "_deleted") + " }";
            ObjectNode body = JSON.createObjectNode().put("query", document);
            ObjectNode variables = body.putObject("variables");
            variables.set("input", input.deepCopy().set("_version", versions.get(mutation.recordId())));
            variables.set("condition", mutation.condition() == null ? null : JSON.readTree(mutation.condition()));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint())
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.has("errors")).as("%s of %s on %s: %s", operation, input, mutation.condition(), answer.get("errors"))
                    .isFalse();
            JsonNode stored = answer.get("data").get(operation);
            input.properties().forEach(field -> assertThat(stored.get(field.getKey()))
                    .as("%s.%s", model.name(), field.getKey()).isEqualTo(field.getValue()));
            assertThat(stored.get("_deleted").asBoolean()).as("_deleted").isEqualTo(delete);
            versions.put(mutation.recordId(), stored.get("_version"));
            store.outbox().remove(mutation);
        }
        return next.isPresent();
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static List<ModelField<?, ?>> fieldsOf(ModelSchema<?> model) {
        return model.fields().stream().filter(field -> !field.isReadOnly()).<ModelField<?, ?>>map(field -> field).toList();
    }

    /** A selection of {@code fields}, with the fields of non-model objects (in lists too), and {@code more}. */
    private static String selection(List<ModelField<?, ?>> fields, String... more) {
        List<String> selected = new ArrayList<>(List.of(more));
        for (ModelField<?, ?> field : fields) {
            FieldType<?> type = field.type() instanceof FieldType.ListType<?> list ? list.element() : field.type();
            selected.add(type instanceof FieldType.EmbeddedType<?> embedded
                    ? field.name() + " " + selection(embedded.schema().fields().stream().<ModelField<?, ?>>map(f -> f).toList())
                    : field.name());
        }
        return "{ " + String.join(" ", selected) + " }";
    }
}
