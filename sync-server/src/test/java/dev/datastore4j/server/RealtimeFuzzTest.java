package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-time messages a client could send, cut and changed at random (the subscription's query and
 * variables as {@link RequestFuzzTest} changes a request's, and the message around them: its type,
 * its id, its payload), on one connection to a server on the shop schema, while records change and
 * the subscriptions that were accepted hear of it. Each message gets its one answer (an
 * acknowledgement, a {@code complete} or an error), never an {@code InternalFailure}; the
 * connection stays open, and a subscription started before them all still hears of a change after
 * them. Seeds 1-3 run in the build; {@code -Ddatastore4j.fuzzSeed=N} runs another, and
 * {@code -Ddatastore4j.fuzzRequests=N} sends more messages (400 by default).
 */
class RealtimeFuzzTest {
    /** Subscriptions as a client starts them, which the changes start from. */
    private static final List<RequestFuzzTest.Request> SUBSCRIPTIONS = List.of(
            new RequestFuzzTest.Request("subscription($f: ModelSubscriptionOrderFilterInput) { onCreateOrder(filter: $f) {"
                    + " customerEmail total lines { sku quantity } status _version } }", "{\"f\": {\"total\": {\"between\":"
                    + " [1, 100]}, \"or\": [{\"status\": {\"in\": [\"PENDING\", \"PAID\"]}}, {\"customerEmail\":"
                    + " {\"beginsWith\": \"a\"}}]}}"),
            new RequestFuzzTest.Request("subscription($f: ModelSubscriptionProductFilterInput) { onUpdateProduct(filter: $f) {"
                    + " sku price ratings _version } }", "{\"f\": {\"price\": {\"gt\": 1}, \"name\": {\"notContains\": \"x\"}}}"),
            new RequestFuzzTest.Request("subscription { onDeleteProduct { sku _deleted _version } }", "{}"),
            new RequestFuzzTest.Request("subscription($f: ModelSubscriptionCustomerFilterInput) { onCreateCustomer(filter: $f) {"
                    + " email address { city } } }", "{\"f\": {\"email\": {\"ne\": \"z@z.example\"}}}"),
            new RequestFuzzTest.Request("subscription($f: ModelSubscriptionProductFilterInput) { onCreateProduct(filter: $f) {"
                    + " sku opens available inStock } }", "{\"f\": {\"sku\": {\"notIn\": [\"s9\"]}, \"inStock\": {\"eq\": true}}}"));
    private static final DateTimeFormatter PLACED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Fewer than a connection may hold (100), so that a start is refused only for what it holds. */
    private static final int MOST_HELD = 60;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.datastore4j.server.RequestFuzzTest#seeds")
    void changedMessagesGetTheirAnswerAndTheConnectionServesOn(long seed) throws Exception {
        System.out.println("RealtimeFuzzTest seed " + seed);
        Random random = new Random(seed);
        int messages = Integer.getInteger("datastore4j.fuzzRequests", 400);
        Schema schema = Codegen.compile(List.of(RequestFuzzTest.SHOP)).schema().orElseThrow();
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("server.db")).start()) {
            SyncSemanticsTest.Client http = new SyncSemanticsTest.Client(server);
            RealtimeTest.Connection connection = RealtimeTest.connect(server, true, "{\"host\":\"127.0.0.1\"}");
            connection.send(RealtimeTest.start("witness", "subscription { onCreateProduct { sku } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            Deque<String> held = new ArrayDeque<>();
            int acknowledged = 0;
            for (int n = 0; n < messages; n++) {
                if (n % 20 == 19) {
                    change(http, n);
                }
                String id = "f" + n;
                ObjectNode message = message(id, random);
                // non-ASCII escaped in the JSON: a text frame must be UTF-8, which half of a surrogate pair is not
                String text = ProtocolJson.JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(message);
                String what = "message " + n + ": " + text;
                connection.socket.sendText(text, true).join();
                JsonNode answer = answer(connection, what);
                assertThat(answer.path("type").asText()).as(what + " -> " + answer).isIn("start_ack", "error", "complete",
                        "connection_ack");
                if (answer.path("type").asText().equals("start_ack")) {
                    acknowledged++;
                    held.add(answer.path("id").asText());
                    if (held.size() > MOST_HELD) {
                        connection.send(ProtocolJson.JSON.createObjectNode().put("type", "stop").put("id", held.poll()));
                        JsonNode stopped = answer(connection, what + " then a stop");
                        assertThat(stopped.path("type").asText()).as(what + " then a stop -> " + stopped).isEqualTo("complete");
                    }
                }
            }
            http.graphql("mutation { createProduct(input: {sku: \"last\", name: \"Last\", price: 1, inStock: true}) { sku } }");
            JsonNode heard;
            do {
                heard = connection.next();
                refuseInternalFailure(heard, "after them all");
            } while (!heard.path("id").asText().equals("witness"));
            assertThat(heard.at("/payload/data/onCreateProduct/sku").asText()).isEqualTo("last");
            assertThat(connection.closed).as("the connection stays open").isNotDone();
            System.out.println("RealtimeFuzzTest: " + acknowledged + " of " + messages + " started");
            connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    /** The next message that answers one sent, past the events of the subscriptions held. */
    private static JsonNode answer(RealtimeTest.Connection connection, String what) throws InterruptedException {
        while (true) {
            JsonNode message = connection.messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as(what + ": an answer within 10 s").isNotNull();
            refuseInternalFailure(message, what);
            if (!message.path("type").asText().equals("data")) {
                return message;
            }
        }
    }

    private static void refuseInternalFailure(JsonNode message, String what) {
        for (JsonNode error : message.at("/payload/errors")) {
            assertThat(error.path("errorType").asText()).as(what + " -> " + message).isNotEqualTo("InternalFailure");
        }
    }

    /** A start message made from one of {@link #SUBSCRIPTIONS}, changed once or twice, or its envelope changed. */
    private static ObjectNode message(String id, Random random) throws Exception {
        RequestFuzzTest.Request start = SUBSCRIPTIONS.get(random.nextInt(SUBSCRIPTIONS.size()));
        String query = start.query();
        JsonNode variables = ProtocolJson.JSON.readTree(start.variables());
        for (int c = 1 + random.nextInt(2); c > 0; c--) {
            if (random.nextInt(5) == 0) {
                query = RequestFuzzTest.changeText(query, random);
            } else {
                variables = RequestFuzzTest.changeJson(variables, random);
            }
        }
        ObjectNode request = ProtocolJson.JSON.createObjectNode().put("query", query);
        request.set("variables", variables);
        ObjectNode message = RealtimeTest.start(id, query, Map.of());
        ((ObjectNode) message.get("payload")).put("data", request.toString());
        if (random.nextInt(8) == 0) { // the envelope
            switch (random.nextInt(7)) {
                case 0 -> message.put("type", List.of("stop", "connection_init", "ka", "data", "", "START").get(random.nextInt(6)));
                case 1 -> message.remove("id");
                case 2 -> message.put("id", random.nextInt(1000));
                case 3 -> message.putObject("id");
                case 4 -> ((ObjectNode) message.get("payload")).put("data", request.toString().substring(0, random.nextInt(20)));
                case 5 -> ((ObjectNode) message.get("payload")).remove("data");
                default -> ((ObjectNode) message.get("payload")).put("extensions", "x");
            }
        }
        return message;
    }

    /** Records created, changed and deleted, for the subscriptions held to hear of. */
    private static void change(SyncSemanticsTest.Client http, int n) throws Exception {
        String sku = "p" + n;
        http.graphql("mutation { createProduct(input: {sku: \"" + sku + "\", name: \"Pen\", price: 2, ratings: [4.5],"
                + " inStock: true, available: \"2024-01-02\", opens: \"10:11:12.000Z\"}) { sku } }");
        http.graphql("mutation { updateProduct(input: {sku: \"" + sku + "\", price: 3, _version: 1}) { sku } }");
        http.graphql("mutation { deleteProduct(input: {sku: \"" + sku + "\", _version: 2}) { sku } }");
        http.graphql("mutation { createOrder(input: {customerEmail: \"a@b.example\", placedAt: \""
                + PLACED.format(Instant.ofEpochMilli(1_700_000_000_000L + n)) + "\", status: PAID, total: 12.5, lines: [{sku: \""
                + sku + "\", quantity: 1, price: 2}]}) { placedAt } }");
        http.graphql("mutation { createCustomer(input: {email: \"c" + n + "@b.example\", name: \"C\", address: {street: \"s\","
                + " city: \"c\"}}) { email } }");
    }
}
