package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of {@code @auth} rule, times every operation (create, get, list, sync, update,
 * delete, subscribe), times a caller the rule allows and one it denies, over real HTTP and
 * WebSocket. A denied write must fail with {@code Unauthorized} and change nothing; a denied read
 * must not reveal the probed value, whether the server answers with an error, leaves the record
 * out, or nulls the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixTest {
    enum Op {
        CREATE, GET, LIST, SYNC, UPDATE, DELETE, SUBSCRIBE;

        boolean reads() {
            return this == GET || this == LIST || this == SYNC || this == SUBSCRIBE;
        }
    }

    record Caller(String name, String header, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Caller KEY = new Caller("api key", "x-api-key", AuthTest.API_KEY);
    static final Caller ANA = user("ana", List.of());
    static final Caller BOB = user("bob", List.of());
    static final Caller ADMIN = user("admin", List.of("Admin"));
    static final Caller EDITOR = user("editor", List.of("Editors"));

    static Caller user(String name, List<String> groups) {
        try {
            return new Caller(name, "Authorization", AuthTest.jwt(name + "-sub", name, groups));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * One rule kind: the model it guards, the field whose value a read must (not) reveal and a
     * write tries to change, what else a new record needs, who creates the records the other
     * operations work on, and who is allowed and denied each operation.
     */
    record Rule(String kind, String model, String probe, String extraInput, Caller seeder, Set<Op> ops,
            Function<Op, Caller> allowed, Function<Op, List<Caller>> denied) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static final Set<Op> ALL = EnumSet.allOf(Op.class);

    static final List<Rule> RULES = List.of(
            new Rule("public", "PublicNote", "text", "", KEY, ALL, op -> KEY, op -> List.of(ANA)),
            new Rule("private", "PrivateNote", "text", "", ANA, ALL, op -> BOB, op -> List.of(KEY)),
            // a create is denied when it names someone else as the owner
            new Rule("owner", "OwnerNote", "text", "owner: \"ana-sub::ana\"", ANA, ALL, op -> ANA, op -> List.of(BOB, KEY)),
            new Rule("static groups", "AdminNote", "text", "", ADMIN, ALL, op -> ADMIN, op -> List.of(ANA, KEY)),
            new Rule("dynamic groups", "SharedNote", "text", "sharedWith: [\"Editors\"]", EDITOR, ALL, op -> EDITOR,
                    op -> List.of(ANA, KEY)),
            new Rule("per-operation", "ReadOnlyNote", "text", "", ADMIN, ALL, op -> op.reads() ? ANA : ADMIN,
                    op -> op.reads() ? List.of(KEY) : List.of(ANA)),
            // field rules guard reads and writes of the field; deleting a record writes no field
            new Rule("field-level", "FieldNote", "secret", "", ADMIN, EnumSet.complementOf(EnumSet.of(Op.DELETE)),
                    op -> ADMIN, op -> List.of(ANA)));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Rule rule : RULES) {
            for (Op op : rule.ops()) {
                cases.add(Arguments.of(rule, op, rule.allowed().apply(op), true));
                for (Caller denied : rule.denied().apply(op)) {
                    cases.add(Arguments.of(rule, op, denied, false));
                }
            }
        }
        return cases.stream();
    }

    @TempDir
    static Path temp;

    private SyncServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        Schema schema = Codegen.compile(List.of(Path.of(getClass().getResource("/auth-matrix.graphql").toURI())))
                .schema().orElseThrow();
        server = SyncServer.builder(schema).port(0).database(temp.resolve("matrix.db")).apiKey(AuthTest.API_KEY)
                .jwtSecret(AuthTest.SECRET).start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} rule, {1} by {2}: allowed={3}")
    @MethodSource("cases")
    void ruleDecidesOperation(Rule rule, Op op, Caller caller, boolean allowed) throws Exception {
        String id = rule.model().toLowerCase() + "-" + ids.incrementAndGet();
        String value = "value-" + id;
        switch (op) {
            case CREATE -> {
                JsonNode response = call(caller, "mutation { create" + rule.model() + "(input: {id: \"" + id + "\", "
                        + rule.probe() + ": \"" + value + "\" " + rule.extraInput() + "}) { id } }");
                expectWrite(response, allowed);
                assertThat(seen(rule, id)).as("stored %s", rule.probe()).isEqualTo(allowed ? value : null);
            }
            case GET -> {
                seed(rule, id, value);
                JsonNode response = call(caller, "{ get" + rule.model() + "(id: \"" + id + "\") { " + rule.probe() + " } }");
                expectRead(visible(response.path("data").path("get" + rule.model()), rule.probe()), value, allowed, response);
            }
            case LIST, SYNC -> {
                seed(rule, id, value);
                String field = (op == Op.LIST ? "list" : "sync") + rule.model() + "s";
                JsonNode response = call(caller, "{ " + field + "(filter: {id: {eq: \"" + id + "\"}}"
                        + (op == Op.SYNC ? ", lastSync: 0" : "") + ") { items { " + rule.probe() + " } } }");
                JsonNode items = response.path("data").path(field).path("items");
                expectRead(items.size() == 1 ? visible(items.get(0), rule.probe()) : null, value, allowed, response);
            }
            case UPDATE -> {
                seed(rule, id, value);
                JsonNode response = call(caller, "mutation { update" + rule.model() + "(input: {id: \"" + id + "\", "
                        + rule.probe() + ": \"changed\", _version: 1}) { id } }");
                expectWrite(response, allowed);
                assertThat(seen(rule, id)).isEqualTo(allowed ? "changed" : value);
            }
            case DELETE -> {
                seed(rule, id, value);
                JsonNode response = call(caller, "mutation { delete" + rule.model() + "(input: {id: \"" + id + "\", _version: 1})"
                        + " { id } }");
                expectWrite(response, allowed);
                assertThat(seen(rule, id)).isEqualTo(allowed ? null : value);
            }
            case SUBSCRIBE -> subscribe(rule, caller, id, value, allowed);
        }
    }

    /**
     * A mutation's condition sees what the caller may read, as a filter does: Ana may change a
     * FieldNote but not read its secret, so a condition on the secret finds it empty, and which of
     * her conditions fail cannot spell it out. The admin's own condition sees the secret.
     */
    @Test
    void conditionsCannotReadFieldsHiddenFromTheCaller() throws Exception {
        String beginsWithS = ", condition: {secret: {beginsWith: \"s\"}}";
        String empty = ", condition: {secret: {attributeExists: false}}";
        String id = "condition-probe";
        expectWrite(call(ADMIN, "mutation { createFieldNote(input: {id: \"" + id + "\", secret: \"s3cret\"}) { id } }"), true);
        for (String change : List.of("update", "delete")) {
            String input = "(input: {id: \"" + id + "\", _version: " + version(id) + (change.equals("update") ? ", text: \"t\"" : "")
                    + "}";
            JsonNode probe = call(ANA, "mutation { " + change + "FieldNote" + input + beginsWithS + ") { id } }");
            assertThat(probe.path("errors").path(0).path("errorType").asText()).as("%s", probe)
                    .isEqualTo("DynamoDB:ConditionalCheckFailedException");
            if (change.equals("update")) {
                expectWrite(call(ANA, "mutation { updateFieldNote" + input + empty + ") { id } }"), true);
            }
        }
        expectWrite(call(ADMIN, "mutation { deleteFieldNote(input: {id: \"" + id + "\", _version: " + version(id) + "}"
                + beginsWithS + ") { id } }"), true);
    }

    /**
     * A sort key condition sees what the caller may read too: Ana may read salaries but not their
     * amounts, so a condition on the amount finds none of them (before, the records it returned,
     * their amount null, told her which were above her guess); the admin's finds them.
     */
    @Test
    void sortKeyConditionsCannotReadFieldsHiddenFromTheCaller() throws Exception {
        for (int amount : new int[] {50, 150}) {
            expectWrite(call(ADMIN, "mutation { createSalary(input: {team: \"t\", amount: " + amount + "}) { id } }"), true);
        }
        String above100 = "{ salariesByTeam(team: \"t\", amount: {gt: 100}) { items { amount } } }";
        assertThat(call(ADMIN, above100).get("data").get("salariesByTeam").get("items").toString())
                .isEqualTo("[{\"amount\":150}]");
        JsonNode seenByAna = call(ANA, above100);
        assertThat(seenByAna.get("data").get("salariesByTeam").get("items").size()).as("%s", seenByAna).isZero();
        assertThat(call(ANA, "{ salariesByTeam(team: \"t\") { items { id } } }").get("data").get("salariesByTeam")
                .get("items").size()).as("without a condition she reads both").isEqualTo(2);
    }

    private int version(String id) throws Exception {
        return call(ADMIN, "{ getFieldNote(id: \"" + id + "\") { _version } }").get("data").get("getFieldNote").get("_version")
                .asInt();
    }

    private void subscribe(Rule rule, Caller caller, String id, String value, boolean allowed) throws Exception {
        String header = ProtocolTest.JSON.createObjectNode().put("host", "127.0.0.1").put(caller.header(), caller.value())
                .toString();
        RealtimeTest.Connection connection = RealtimeTest.connect(server, true, header);
        try {
            ObjectNode start = RealtimeTest.start("s", "subscription { onCreate" + rule.model() + " { id " + rule.probe()
                    + " } }", Map.of());
            ObjectNode authorization = (ObjectNode) start.get("payload").get("extensions").get("authorization");
            authorization.removeAll().put("host", "127.0.0.1").put(caller.header(), caller.value());
            connection.send(start);
            JsonNode answer = connection.next();
            if (answer.get("type").asText().equals("error")) {
                assertThat(allowed).as("an allowed subscriber was refused: %s", answer).isFalse();
                return;
            }
            assertThat(answer.get("type").asText()).isEqualTo("start_ack");
            seed(rule, id, value);
            // the record the allowed seeder just created arrives within the wait, or never
            JsonNode data = connection.messages.poll(allowed ? 10_000 : 500, TimeUnit.MILLISECONDS);
            String delivered = data == null ? null : visible(data.get("payload").get("data").get("onCreate" + rule.model()),
                    rule.probe());
            assertThat(delivered).as("delivered %s", data).isEqualTo(allowed ? value : null);
        } finally {
            connection.socket.abort();
        }
    }

    private void seed(Rule rule, String id, String value) throws Exception {
        JsonNode response = call(rule.seeder(), "mutation { create" + rule.model() + "(input: {id: \"" + id + "\", "
                + rule.probe() + ": \"" + value + "\" " + rule.extraInput() + "}) { id } }");
        assertThat(response.has("errors")).as("seeding: %s", response).isFalse();
    }

    /** The probed field as the seeder sees it now; null if the record is missing or deleted (a tombstone). */
    private String seen(Rule rule, String id) throws Exception {
        JsonNode response = call(rule.seeder(), "{ get" + rule.model() + "(id: \"" + id + "\") { " + rule.probe()
                + " _deleted } }");
        assertThat(response.has("errors")).as("%s", response).isFalse();
        JsonNode record = response.get("data").get("get" + rule.model());
        return record.path("_deleted").asBoolean(false) ? null : visible(record, rule.probe());
    }

    private static String visible(JsonNode record, String field) {
        return record == null || record.isNull() || record.isMissingNode() || record.path(field).isNull() ? null
                : record.path(field).asText();
    }

    private static void expectWrite(JsonNode response, boolean allowed) {
        if (allowed) {
            assertThat(response.has("errors")).as("%s", response).isFalse();
        } else {
            assertThat(response.path("errors").path(0).path("errorType").asText()).as("%s", response).isEqualTo("Unauthorized");
        }
    }

    private static void expectRead(String visible, String value, boolean allowed, JsonNode response) {
        if (allowed) {
            assertThat(response.has("errors")).as("%s", response).isFalse();
        }
        assertThat(visible).as("%s", response).isEqualTo(allowed ? value : null);
    }

    private JsonNode call(Caller caller, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                .header(caller.header(), caller.value())
                .POST(HttpRequest.BodyPublishers.ofString(ProtocolTest.JSON.createObjectNode().put("query", query).toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ProtocolTest.JSON.readTree(response.body());
    }
}
