package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.Scalar;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AppSync's scalars over real HTTP: values of the forms AppSync accepts are stored as sent, and
 * anything else is refused with an error naming the scalar, storing nothing. A typed client could
 * not read a record holding, say, an AWSDate that is not a date. Where a model's Java type could
 * hold a refused value (an AWSEmail is a String), generated models must refuse the same values,
 * or an app would save offline what the server never takes: each case checks that too.
 */
class ScalarsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIELDS = "id day time moment stamp email json url phone ip";
    private static final Map<String, Scalar> SCALARS = Map.of("day", Scalar.AWS_DATE, "time", Scalar.AWS_TIME,
            "moment", Scalar.AWS_DATE_TIME, "stamp", Scalar.AWS_TIMESTAMP, "email", Scalar.AWS_EMAIL, "json", Scalar.AWS_JSON,
            "url", Scalar.AWS_URL, "phone", Scalar.AWS_PHONE, "ip", Scalar.AWS_IP_ADDRESS);
    /** The scalars whose Java type in a model holds values the server refuses, so models check them too. */
    private static final Set<Scalar> CHECKED_BY_MODELS = Set.of(Scalar.AWS_EMAIL, Scalar.AWS_JSON, Scalar.AWS_URL,
            Scalar.AWS_PHONE, Scalar.AWS_IP_ADDRESS);

    @TempDir
    static Path temp;

    private static SyncServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Schema schema = Codegen.compile(List.of(Path.of(ScalarsTest.class.getResource("/scalars.graphql").toURI())))
                .schema().orElseThrow();
        server = SyncServer.builder(schema).port(0).database(temp.resolve("server.db")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> values() {
        return Stream.of(
                valid("day", "2024-02-29"), valid("day", "1970-01-01Z"), valid("day", "1970-01-01-07:00"),
                valid("day", "1970-01-01+05:30:15"),
                invalid("day", "2023-02-29"), invalid("day", "2024-2-1"), invalid("day", "2024-01-01T00:00Z"),
                invalid("day", "yesterday"), invalid("day", ""), invalid("day", 20240101), invalid("day", "2024-01-01+19:00"),
                valid("time", "12:30"), valid("time", "12:30:15"), valid("time", "12:30:15.123456789"), valid("time", "23:59:59Z"),
                valid("time", "00:00:00.1-08:00"),
                invalid("time", "24:00:00"), invalid("time", "12:60"), invalid("time", "12:30:15.1234567890"),
                invalid("time", "12:30:15."), invalid("time", "noon"),
                valid("moment", "2024-05-01T12:30:15.123Z"), valid("moment", "2024-05-01T12:30+02:00"),
                invalid("moment", "2024-05-01T12:30:15"), invalid("moment", "2024-05-01 12:30:15Z"),
                invalid("moment", "2024-13-01T00:00Z"),
                valid("stamp", 1_700_000_000), valid("stamp", 1_700_000_000_000L), valid("stamp", -1),
                invalid("stamp", "1700000000"), invalid("stamp", 1.5), invalid("stamp", true),
                valid("email", "ana@example.com"), valid("email", "o'neil+tag@sub.example.co.uk"),
                invalid("email", "ana"), invalid("email", "ana@"), invalid("email", "a b@example.com"),
                invalid("email", "a@b@example.com"),
                valid("json", "{\"a\": [1, 2, null]}"), valid("json", "\"text\""), valid("json", "42"),
                invalid("json", "{unquoted: 1}"), invalid("json", "{} {}"), invalid("json", "   "),
                valid("url", "https://example.com/r?id=1&x=%20"), valid("url", "mailto:ana@example.com"),
                invalid("url", "example.com/path"), invalid("url", "https://example.com//double"),
                invalid("url", "http://exa mple.com"),
                valid("phone", "+1 555 0100"), valid("phone", "+44-20-7946-0958"), valid("phone", "(678) 198-2162"),
                invalid("phone", "call me"), invalid("phone", "12"), invalid("phone", "555+0100"),
                valid("ip", "10.0.0.1"), valid("ip", "10.0.0.0/8"), valid("ip", "::1"), valid("ip", "2001:db8::/32"),
                valid("ip", "::ffff:192.0.2.1"),
                invalid("ip", "256.0.0.1"), invalid("ip", "10.0.0"), invalid("ip", "10.0.0.1/33"), invalid("ip", "2001:db8::g"),
                invalid("ip", "1:2:3:4:5:6:7:8:9"), invalid("ip", "localhost"), invalid("ip", "::1/129"));
    }

    private static Arguments valid(String field, Object value) {
        return Arguments.of(field, value, true);
    }

    private static Arguments invalid(String field, Object value) {
        return Arguments.of(field, value, false);
    }

    @ParameterizedTest(name = "{0} = {1}: accepted {2}")
    @MethodSource("values")
    void valuesOfTheFormsAppSyncAcceptsAreStoredAsSentAndOthersRefused(String field, Object value, boolean accepted)
            throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, Object> input = new HashMap<>();
        input.put("id", id);
        input.put(field, value);
        JsonNode response = graphql("mutation m($input: CreateSampleInput!) { createSample(input: $input) { " + FIELDS + " } }",
                Map.of("input", input));
        Scalar scalar = SCALARS.get(field);
        if (CHECKED_BY_MODELS.contains(scalar)) {
            assertThat(modelsTake(scalar, value)).as("generated models agree (the runtime's ScalarRules)").isEqualTo(accepted);
        }
        if (accepted) {
            assertThat(response.has("errors")).as("errors: %s", response.get("errors")).isFalse();
            assertThat(response.get("data").get("createSample").get(field)).isEqualTo(JSON.valueToTree(value));
        } else {
            assertThat(response.get("errors").get(0).get("message").asText()).contains("not a valid " + scalar.graphQlName());
            assertThat(graphql("query q($id: ID!) { getSample(id: $id) { id } }", Map.of("id", id)).get("data")
                    .get("getSample").isNull()).isTrue();
        }
    }

    /** Whether a generated model takes {@code value} in a field of {@code scalar} (an AWSURL is a {@link URI} there). */
    private static boolean modelsTake(Scalar scalar, Object value) {
        try {
            ModelChecks.valid("Sample", "field", scalar, scalar == Scalar.AWS_URL ? new URI((String) value) : value);
            return true;
        } catch (IllegalArgumentException | URISyntaxException e) {
            return false;
        }
    }

    @Test
    void literalsInTheDocumentAreCheckedToo() throws Exception {
        JsonNode bad = graphql("mutation { createSample(input: {id: \"lit-1\", day: \"2023-02-29\"}) { id } }", Map.of());
        assertThat(bad.get("errors").get(0).get("message").asText()).contains("not a valid AWSDate: \"2023-02-29\"");
        JsonNode good = graphql("mutation { createSample(input: {id: \"lit-2\", day: \"2024-02-29\", stamp: 1700000000,"
                + " json: \"[1]\"}) { day stamp json } }", Map.of());
        assertThat(good.get("data").get("createSample").toString()).isEqualTo("{\"day\":\"2024-02-29\",\"stamp\":1700000000,\"json\":\"[1]\"}");
        JsonNode wrongKind = graphql("mutation { createSample(input: {id: \"lit-3\", stamp: \"1700000000\"}) { id } }", Map.of());
        assertThat(wrongKind.get("errors").get(0).get("message").asText()).contains("not a valid AWSTimestamp: \"1700000000\"");
        JsonNode objectLiteral = graphql("mutation { createSample(input: {id: \"lit-4\", json: {a: 1}}) { id } }", Map.of());
        assertThat(objectLiteral.get("errors").get(0).get("message").asText()).contains("not a valid AWSJSON");
        assertThat(graphql("{ getSample(id: \"lit-4\") { id } }", Map.of()).get("data").get("getSample").isNull()).isTrue();
    }

    @Test
    void aFloatBeyondTheRangeOfADoubleIsRefused() throws Exception {
        // read as infinity, it could be stored but never written back: every later read would fail
        JsonNode literal = graphql("mutation { createSample(input: {id: \"f-1\", amount: 1e400}) { id } }", Map.of());
        assertThat(literal.get("errors").get(0).get("message").asText()).contains("not a valid Float (a finite number)");
        assertThat(graphql("{ getSample(id: \"f-1\") { id } }", Map.of()).get("data").get("getSample").isNull()).isTrue();
        JsonNode variable = graphql("mutation m($input: CreateSampleInput!) { createSample(input: $input) { id } }",
                Map.of("input", Map.of("id", "f-2", "amount", new java.math.BigDecimal("-1e400"))));
        assertThat(variable.get("errors")).isNotEmpty();
        JsonNode fine = graphql("mutation { createSample(input: {id: \"f-3\", amount: 1.5e300}) { amount } }", Map.of());
        assertThat(fine.get("data").get("createSample").get("amount").asDouble()).isEqualTo(1.5e300);
        assertThat(graphql("{ listSamples { items { id } } }", Map.of()).has("errors")).isFalse();
    }

    @Test
    void jsonSentAsAnObjectIsKeptAsItsText() throws Exception {
        JsonNode response = graphql("mutation m($input: CreateSampleInput!) { createSample(input: $input) { json } }",
                Map.of("input", Map.of("id", "as-object", "json", Map.of("a", List.of(1, 2)))));
        assertThat(response.get("data").get("createSample").get("json").asText()).isEqualTo("{\"a\":[1,2]}");
    }

    private static JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("content-type", "application/json").header("x-api-key", "da2-test")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
