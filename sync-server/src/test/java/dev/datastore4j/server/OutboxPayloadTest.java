package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.blog.Blog;
import com.example.blog.Comment;
import com.example.blog.Post;
import com.example.blog.PostStatus;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.model.FieldType;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        for (Optional<PendingMutation> next = store.outbox().next(); next.isPresent(); next = store.outbox().next()) {
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
            assertThat(answer.has("errors")).as("%s of %s: %s", operation, input, answer.get("errors")).isFalse();
            JsonNode stored = answer.get("data").get(operation);
            input.properties().forEach(field -> assertThat(stored.get(field.getKey()))
                    .as("%s.%s", model.name(), field.getKey()).isEqualTo(field.getValue()));
            assertThat(stored.get("_deleted").asBoolean()).as("_deleted").isEqualTo(delete);
            versions.put(mutation.recordId(), stored.get("_version"));
            store.outbox().remove(mutation);
            sent++;
        }
        return sent;
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
