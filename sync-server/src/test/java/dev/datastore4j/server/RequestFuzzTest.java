package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests a client could send, cut and changed at random (the query's text, the variables' values
 * and shapes, the body's bytes), against a real server on the shop schema (composite keys, indexes,
 * non-model types, lists, enums and every AWS scalar). Every answer is a GraphQL answer a client
 * can read, for a mistake of the client's never an {@code InternalFailure} nor a 5xx; and after
 * them every record stored is still served whole by a sync: nothing that does not fit the schema
 * was stored. Each seed runs on a server that takes every request and on one that takes
 * credentials, where the requests carry various ones. Seeds 1-3 run in the build;
 * {@code -Ddatastore4j.fuzzSeed=N} runs another, and {@code -Ddatastore4j.fuzzRequests=N} sends more
 * requests (600 by default).
 */
class RequestFuzzTest {
    static final Path SHOP = Path.of("..", "test-schemas", "schemas", "valid", "shop.graphql");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What the whole of each model's records is selected as, to read every stored record back. */
    private static final Map<String, String> WHOLE = Map.of(
            "syncCustomers", "email name phone lastSeenFrom address { street city zip country }",
            "syncOrders", "customerEmail placedAt status total lines { sku quantity price } shipTo { street city zip country }"
                    + " metadata receipt",
            "syncProducts", "sku name price ratings inStock available opens",
            "syncLoyaltyCards", "id points issued");
    private static final String META = " _version _deleted _lastChangedAt createdAt updatedAt";

    /** Requests as a client sends them, which the changes start from. */
    private static final List<Request> REQUESTS = List.of(
            new Request("mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { email name address { city }" + META + " } }",
                    "{\"i\": {\"email\": \"a@b.example\", \"name\": \"Ann\", \"phone\": \"+12065550100\", \"lastSeenFrom\":"
                            + " \"10.0.0.1\", \"address\": {\"street\": \"1 Main\", \"city\": \"Oslo\", \"zip\": \"0150\","
                            + " \"country\": \"NO\"}}}"),
            new Request("mutation($i: CreateOrderInput!) { createOrder(input: $i) { customerEmail placedAt lines { sku }" + META
                    + " } }", "{\"i\": {\"customerEmail\": \"a@b.example\", \"placedAt\": \"2024-01-02T10:11:12.000Z\","
                            + " \"status\": \"PENDING\", \"total\": 12.5, \"lines\": [{\"sku\": \"s1\", \"quantity\": 2,"
                            + " \"price\": 1.5}], \"metadata\": \"{\\\"a\\\": 1}\", \"receipt\": \"https://a.example/r\"}}"),
            new Request("mutation($i: CreateProductInput!) { createProduct(input: $i) { sku ratings" + META + " } }",
                    "{\"i\": {\"sku\": \"s1\", \"name\": \"Pen\", \"price\": 1.5, \"ratings\": [4.5, 5], \"inStock\": true,"
                            + " \"available\": \"2024-01-02\", \"opens\": \"10:11:12.000Z\"}}"),
            new Request("mutation($i: CreateLoyaltyCardInput!) { createLoyaltyCard(input: $i) { id points issued" + META + " } }",
                    "{\"i\": {\"id\": \"c1\", \"issued\": 1700000000}}"),
            new Request("mutation($i: UpdateProductInput!, $c: ModelProductConditionInput) { updateProduct(input: $i, condition: $c)"
                    + " { sku price" + META + " } }", "{\"i\": {\"sku\": \"s1\", \"price\": 2.5, \"_version\": 1},"
                            + " \"c\": {\"price\": {\"gt\": 1}, \"not\": {\"name\": {\"beginsWith\": \"x\"}}}}"),
            new Request("mutation($i: UpdateOrderInput!) { updateOrder(input: $i) { total lines { quantity }" + META + " } }",
                    "{\"i\": {\"customerEmail\": \"a@b.example\", \"placedAt\": \"2024-01-02T10:11:12.000Z\", \"total\": 3,"
                            + " \"lines\": [], \"_version\": 1}}"),
            new Request("mutation($i: DeleteProductInput!) { deleteProduct(input: $i) { sku" + META + " } }",
                    "{\"i\": {\"sku\": \"s1\", \"_version\": 2}}"),
            new Request("query($f: ModelOrderFilterInput, $l: Int, $s: AWSTimestamp, $n: String) { syncOrders(filter: $f, limit: $l,"
                    + " lastSync: $s, nextToken: $n) { items { total" + META + " } nextToken startedAt } }",
                    "{\"f\": {\"status\": {\"eq\": \"PENDING\"}, \"or\": [{\"total\": {\"between\": [1, 100]}},"
                            + " {\"customerEmail\": {\"beginsWith\": \"a\"}}]}, \"l\": 10, \"s\": 0, \"n\": null}"),
            new Request("query($k: ModelStringKeyConditionInput) { ordersByStatus(status: PENDING, placedAt: $k, limit: 5,"
                    + " sortDirection: DESC) { items { placedAt } nextToken } }",
                    "{\"k\": {\"between\": [\"2024-01-01T00:00:00.000Z\", \"2025-01-01T00:00:00.000Z\"]}}"),
            new Request("query($e: AWSEmail, $k: ModelStringKeyConditionInput) { orders(customerEmail: $e, placedAt: $k) { items"
                    + " { total customer { name orders { items { total } } } } } }",
                    "{\"e\": \"a@b.example\", \"k\": {\"beginsWith\": \"2024\"}}"),
            new Request("query($e: AWSEmail!) { getCustomer(email: $e) { name orders { items { status } } loyalty { points } } }",
                    "{\"e\": \"a@b.example\"}"),
            new Request("query($f: ModelProductFilterInput, $n: String) { listProducts(filter: $f, limit: 3, nextToken: $n) { items"
                    + " { sku } nextToken } }", "{\"f\": {\"name\": {\"contains\": \"e\"}, \"ratings\": {\"contains\": 4.5},"
                            + " \"inStock\": {\"attributeExists\": true}}, \"n\": null}"),
            new Request("query($name: String!) { productsByName(name: $name) { items { sku available opens } } }",
                    "{\"name\": \"Pen\"}"),
            new Request("query($s: Boolean!, $k: String!) { getProduct(sku: $k) { ...P @include(if: $s) } listProducts { items {"
                    + " ... on Product @skip(if: $s) { sku } ...P } } } fragment P on Product { sku name price }",
                    "{\"s\": true, \"k\": \"s1\"}"),
            new Request("subscription($f: ModelSubscriptionProductFilterInput) { onCreateProduct(filter: $f) { sku } }",
                    "{\"f\": {\"price\": {\"gt\": 1}}}")); // refused: subscriptions are started in real time

    /** Text put into a query, or given as a value. */
    private static final List<String> TOKENS = List.of("{", "}", "(", ")", ":", "$i", "$", "!", "\"", "\\", ",", "[", "]", "@skip",
            "...", "...on Order", "__typename", "__schema { types { name } }", "_version", "null", "-1", "1e309",
            "0x10", "\u0000", "é", "😀", "\uD800", "#", "\n", "query", "mutation", "subscription", "fragment f on Query { x }");
    private static final List<JsonNode> VALUES = List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("x"),
            NODES.textNode("x".repeat(5_000)), NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1L << 53),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(new BigInteger("123456789012345678901234567890")),
            NODES.numberNode(-0.0), NODES.numberNode(1e308), NODES.numberNode(0.1), NODES.booleanNode(true),
            NODES.arrayNode(), NODES.objectNode(), NODES.textNode("2024-13-45"), NODES.textNode("25:61:00"),
            NODES.textNode("NaN"), NODES.textNode("not an email"), NODES.textNode("999.1.1.1"), NODES.textNode("PAID"),
            NODES.textNode("DELETED"), NODES.textNode("\u0000\uFFFF😀'\"; DROP TABLE x; --"), NODES.textNode("{\"a\": [1, {}]}"),
            NODES.textNode("a@b.example"), NODES.textNode("2024-01-02T10:11:12.000Z"), NODES.textNode("2024-01-02"),
            NODES.textNode("10:11:12.000Z"), NODES.textNode("+12065550100"), NODES.textNode("https://a.example/r"),
            NODES.textNode("::1"), NODES.textNode("s1"), NODES.textNode("c1"), NODES.textNode("PENDING"), NODES.numberNode(2),
            NODES.numberNode(1.5), NODES.numberNode(1_700_000_000), NODES.numberNode(Integer.MIN_VALUE),
            NODES.numberNode(Double.MIN_VALUE), NODES.numberNode(-1e308));
    private static final List<String> KEYS = List.of("zz", "_version", "_deleted", "_lastChangedAt", "createdAt", "owner",
            "__proto__", "id", "and", "or", "not", "eq", "between", "attributeExists", "size");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Seeds 1-3, or the one {@code -Ddatastore4j.fuzzSeed} names (for {@link RealtimeFuzzTest} too). */
    static LongStream seeds() {
        String seed = System.getProperty("datastore4j.fuzzSeed");
        return seed == null ? LongStream.of(1, 2, 3) : LongStream.of(Long.parseLong(seed));
    }

    /** Each seed on a server that takes every request, and on one that takes an API key and HS256 tokens. */
    static Stream<Arguments> cases() {
        return seeds().boxed().flatMap(seed -> Stream.of(Arguments.of(seed, false), Arguments.of(seed, true)));
    }

    /**
     * With credentials, each request carries one of: none, the API key, another key, a token of a
     * user in the Staff group (which may write products), a token of a user in none, a token that
     * is not one; a refused one is answered 401 too. The records are read back by callers who may
     * read them: products by a Staff user, customers by the API key (the other models' rules take
     * only AWS IAM, which no caller of this server has).
     */
    @ParameterizedTest(name = "seed {0}, credentials {1}")
    @MethodSource("cases")
    void changedRequestsGetClientErrorsAndStoreNothingUnfit(long seed, boolean credentials) throws Exception {
        System.out.println("RequestFuzzTest seed " + seed + (credentials ? ", with credentials" : ""));
        Random random = new Random(seed);
        int requests = Integer.getInteger("datastore4j.fuzzRequests", 600);
        Schema schema = Codegen.compile(List.of(SHOP)).schema().orElseThrow();
        SyncServer.Builder builder = SyncServer.builder(schema).port(0).database(temp.resolve("server.db"));
        List<Caller> callers = List.of(Caller.NONE);
        Caller staff = new Caller("Authorization", AuthTest.jwt("u1", "ann", List.of("Staff")));
        Caller apiKey = new Caller("x-api-key", "da2-fuzz");
        if (credentials) {
            builder.apiKeys(List.of("da2-fuzz")).jwtSecrets(List.of(AuthTest.SECRET));
            callers = List.of(Caller.NONE, apiKey, new Caller("x-api-key", "da2-other"), staff,
                    new Caller("Authorization", AuthTest.jwt("u2", "bob", List.of())), new Caller("Authorization", "Bearer not.a.token"));
        }
        try (SyncServer server = builder.start()) {
            for (Request valid : REQUESTS) { // some records, for the changed requests to meet
                send(server, valid.query(), valid.variables(), credentials ? staff : Caller.NONE);
            }
            List<String> kinds = new ArrayList<>();
            int answered = 0;
            for (int n = 0; n < requests; n++) {
                Request start = REQUESTS.get(random.nextInt(REQUESTS.size()));
                String query = start.query();
                JsonNode variables = ProtocolJson.JSON.readTree(start.variables());
                int changes = 1 + random.nextInt(2);
                StringBuilder made = new StringBuilder();
                for (int c = 0; c < changes; c++) {
                    if (random.nextInt(5) == 0) {
                        query = changeText(query, random);
                        made.append("text ");
                    } else {
                        variables = changeJson(variables, random);
                        made.append("json ");
                    }
                }
                String body = body(query, variables.toString());
                if (random.nextInt(20) == 0) { // the body itself cut short, or with a byte changed
                    body = random.nextBoolean() ? body.substring(0, random.nextInt(body.length()))
                            : body.substring(0, body.length() / 2) + (char) random.nextInt(128) + body.substring(body.length() / 2);
                    made.append("body");
                }
                Caller caller = callers.get(random.nextInt(callers.size()));
                String what = "request " + n + " (" + made.toString().strip() + (caller == Caller.NONE ? "" : ", " + caller.header())
                        + "): " + body;
                HttpResponse<String> response = post(server, body, caller);
                assertThat(response.statusCode()).as(what).isIn(200, 400, 401, 413, 415);
                JsonNode answer = ProtocolJson.JSON.readTree(response.body());
                assertThat(answer.isObject() && (answer.has("data") || answer.has("errors"))).as(what + " -> " + response.body())
                        .isTrue();
                if (!answer.has("errors")) {
                    answered++;
                }
                for (JsonNode error : answer.path("errors")) {
                    assertThat(error.path("errorType").asText()).as(what + " -> " + response.body()).isNotEqualTo("InternalFailure");
                    kinds.add(error.path("errorType").asText(error.path("extensions").path("classification").asText("?")));
                }
            }
            System.out.println("RequestFuzzTest: " + answered + " of " + requests + " answered without errors; errors by type: "
                    + kinds.stream().collect(Collectors.groupingBy(kind -> kind, TreeMap::new, Collectors.counting())));
            // every record stored, tombstones too, is served whole
            for (Map.Entry<String, String> sync : WHOLE.entrySet()) {
                Caller reader = !credentials ? Caller.NONE : sync.getKey().equals("syncProducts") ? staff
                        : sync.getKey().equals("syncCustomers") ? apiKey : null;
                if (reader == null) {
                    continue; // no caller of this server may read it
                }
                String query = "{ " + sync.getKey() + "(limit: 1000) { items { " + sync.getValue() + META + " } nextToken } }";
                JsonNode answer = ProtocolJson.JSON.readTree(send(server, query, "{}", reader));
                assertThat(answer.has("errors")).as(sync.getKey() + " -> " + answer).isFalse();
                assertThat(answer.at("/data/" + sync.getKey() + "/nextToken").isNull()).isTrue();
            }
        }
    }

    /** A GraphQL document and the JSON text of its variables. */
    record Request(String query, String variables) {}

    /** A query changed once: a stretch cut out, a token put in, a stretch doubled, or two characters swapped. */
    static String changeText(String query, Random random) {
        int at = random.nextInt(query.length() + 1);
        return switch (random.nextInt(4)) {
            case 0 -> query.substring(0, at) + query.substring(Math.min(query.length(), at + 1 + random.nextInt(12)));
            case 1 -> query.substring(0, at) + " " + TOKENS.get(random.nextInt(TOKENS.size())) + " " + query.substring(at);
            case 2 -> {
                int end = Math.min(query.length(), at + 1 + random.nextInt(30));
                yield query.substring(0, end) + query.substring(at, end) + query.substring(end);
            }
            default -> {
                if (query.length() < 2) {
                    yield query;
                }
                int i = random.nextInt(query.length() - 1);
                yield query.substring(0, i) + query.charAt(i + 1) + query.charAt(i) + query.substring(i + 2);
            }
        };
    }

    /**
     * Variables changed once, somewhere in them: a value replaced, a key taken out or added, a value
     * put in a list, or nested deep.
     */
    static JsonNode changeJson(JsonNode variables, Random random) {
        JsonNode copy = variables.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(5) == 0 ? KEYS.get(random.nextInt(KEYS.size()))
                    : names.get(random.nextInt(names.size()));
            JsonNode value = object.path(name);
            switch (random.nextInt(8)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, NODES.arrayNode().add(value.isMissingNode() ? NODES.nullNode() : value));
                case 2 -> object.set(name, deep(random.nextInt(40) + 1));
                case 3 -> object.set(name, VALUES.get(random.nextInt(VALUES.size())));
                default -> object.set(name, sameKind(value, random));
            }
        } else if (container instanceof ArrayNode array) {
            switch (random.nextInt(3)) {
                case 0 -> array.add(VALUES.get(random.nextInt(VALUES.size())));
                case 1 -> {
                    if (!array.isEmpty()) {
                        array.remove(random.nextInt(array.size()));
                    }
                }
                default -> {
                    if (!array.isEmpty()) {
                        array.set(random.nextInt(array.size()), VALUES.get(random.nextInt(VALUES.size())));
                    }
                }
            }
        }
        return copy;
    }

    /**
     * Another value of the kind {@code value} is (a string for a string, a number for a number), so
     * that the request still passes GraphQL's checks more often and reaches the server's own.
     */
    private static JsonNode sameKind(JsonNode value, Random random) {
        List<JsonNode> alike = VALUES.stream().filter(candidate -> candidate.getNodeType() == value.getNodeType()).toList();
        if (value.isBoolean()) {
            return NODES.booleanNode(!value.asBoolean());
        }
        return alike.isEmpty() ? VALUES.get(random.nextInt(VALUES.size())) : alike.get(random.nextInt(alike.size()));
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    /** An object {@code levels} deep: {@code {"and": [{"and": [...]}]}}. */
    private static JsonNode deep(int levels) {
        JsonNode inner = NODES.objectNode().set("eq", NODES.textNode("x"));
        for (int i = 0; i < levels; i++) {
            inner = NODES.objectNode().set("and", NODES.arrayNode().add(inner));
        }
        return inner;
    }

    private static String body(String query, String variables) {
        ObjectNode body = NODES.objectNode().put("query", query);
        try {
            body.set("variables", ProtocolJson.JSON.readTree(variables));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return body.toString();
    }

    private String send(SyncServer server, String query, String variables, Caller caller) throws Exception {
        HttpResponse<String> response = post(server, body(query, variables), caller);
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        return response.body();
    }

    /** The header a request carries its credentials in; {@link #NONE} for none. */
    private record Caller(String header, String value) {
        static final Caller NONE = new Caller(null, null);
    }

    private HttpResponse<String> post(SyncServer server, String body, Caller caller) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint()).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (caller != Caller.NONE) {
            request.header(caller.header(), caller.value());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
