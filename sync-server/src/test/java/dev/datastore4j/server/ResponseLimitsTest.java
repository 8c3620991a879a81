package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.ModelDef;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one request may make the server read, hold and evaluate: a page stops at about a MiB of
 * records or after reading ten thousand, with a nextToken for the rest, a request's answer stops
 * growing at its limit, and a filter holds at most 300 conditions. Without them, one request of 20 KB (390 aliases of a 1,000-post list) took the
 * server to 2 GB and a 418 MB answer.
 */
class ResponseLimitsTest {
    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode call(SyncServer server, String query, Map<String, Object> variables) throws Exception {
        ObjectNode body = ProtocolTest.JSON.createObjectNode().put("query", query);
        body.set("variables", ProtocolTest.JSON.valueToTree(variables));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return ProtocolTest.JSON.readTree(response.body());
    }

    /** Every page of {@code field} (a list or sync call without its closing parenthesis), following nextTokens. */
    private List<JsonNode> pages(SyncServer server, String call) throws Exception {
        String field = call.substring(0, call.indexOf('('));
        List<JsonNode> pages = new ArrayList<>();
        String token = null;
        do {
            JsonNode response = call(server, "query($token: String) { " + call + " nextToken: $token) { items { id } nextToken } }",
                    token == null ? Map.of() : Map.of("token", token));
            assertThat(response.has("errors")).as(response.toString()).isFalse();
            JsonNode page = response.get("data").get(field);
            pages.add(page);
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (token != null);
        return pages;
    }

    private static List<String> ids(List<JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(page -> page.get("items").forEach(item -> ids.add(item.get("id").asText())));
        return ids;
    }

    @Test
    void aPageOfLargeRecordsStopsAtAboutAMebibyte() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("large.db")).start()) {
            String content = "x".repeat(300_000);
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(call(server, "mutation($content: String) { createPost(input: {id: \"p" + i + "\", title: \"t\","
                        + " status: DRAFT, content: $content}) { id } }", Map.of("content", content))
                        .get("data").get("createPost").get("id").asText());
            }
            for (String call : List.of("listPosts(limit: 100,", "syncPosts(limit: 100,")) {
                List<JsonNode> pages = pages(server, call);
                // 300 KB records: the fourth takes the page past 1 MiB, and it ends there
                assertThat(pages.get(0).get("items")).as(call).hasSize(4);
                assertThat(ids(pages)).as(call).isEqualTo(created);
            }
        }
    }

    /**
     * A page reads the store a MiB at a time, never the thousand records of 300 KB its limit
     * allows, and a filter that keeps none of them stops a page after 16 MiB read. The store is
     * the real one, the records each read returns counted on their way through.
     */
    @Test
    void largeRecordsAreReadFromTheStoreAMebibyteAtATime() throws Exception {
        List<Integer> batches = new ArrayList<>();
        try (SqliteRecordStore real = new SqliteRecordStore(temp.resolve("batches.db"))) {
            real.addModels(List.of("Post"));
            RecordStore counted = (RecordStore) Proxy.newProxyInstance(RecordStore.class.getClassLoader(),
                    new Class<?>[] {RecordStore.class}, (proxy, method, arguments) -> {
                        try {
                            Object result = method.invoke(real, arguments);
                            if (result instanceof RecordStore.Batch batch) {
                                batches.add(batch.records().size());
                            }
                            return result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            DataService service = new DataService(ProtocolTest.BLOG, counted, ConflictStrategy.AUTOMERGE, null,
                    Duration.ofMinutes(30));
            ModelDef post = ProtocolTest.BLOG.models().stream().filter(model -> model.name().equals("Post")).findFirst().orElseThrow();
            for (int i = 0; i < 80; i++) {
                ObjectNode input = ProtocolTest.JSON.createObjectNode().put("id", String.format("p%02d", i)).put("title", "t")
                        .put("status", "DRAFT").put("content", "x".repeat(300_000));
                service.create(post, Identity.OPEN, input, null);
            }
            DataService.Page page = service.query(post, Identity.OPEN, AuthPolicy.Operation.LIST, KeyQuery.ALL, null, 1000, null);
            assertThat(page.items()).hasSize(4);
            assertThat(batches).containsExactly(4);
            batches.clear();
            JsonNode none = ProtocolTest.JSON.readTree("{\"title\": {\"eq\": \"none\"}}");
            DataService.Page filtered = service.query(post, Identity.OPEN, AuthPolicy.Operation.LIST, KeyQuery.ALL, none, 1000, null);
            assertThat(filtered.items()).isEmpty();
            assertThat(filtered.nextToken()).isNotNull();
            // 56 records of about 300 KB make 16 MiB, read 4 at a time
            assertThat(batches).hasSize(14).containsOnly(4);
        }
    }

    @Test
    void aFilterThatMatchesNothingReadsTenThousandRecordsAPage() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("many.db")).start()) {
            int records = DataService.PAGE_READS + 50;
            for (int from = 0; from < records; from += 500) {
                String creates = IntStream.range(from, Math.min(from + 500, records))
                        .mapToObj(i -> "c" + i + ": createPost(input: {title: \"t\", status: DRAFT}) { id }")
                        .collect(Collectors.joining(" "));
                JsonNode response = call(server, "mutation { " + creates + " }", Map.of());
                assertThat(response.has("errors")).as(response.toString()).isFalse();
            }
            for (String call : List.of("listPosts(filter: {title: {eq: \"none\"}},", "syncPosts(filter: {title: {eq: \"none\"}},")) {
                List<JsonNode> pages = pages(server, call);
                assertThat(pages).as(call).hasSize(2);
                assertThat(ids(pages)).as(call).isEmpty();
            }
            assertThat(ids(pages(server, "listPosts(limit: 1000,"))).hasSize(records).doesNotHaveDuplicates();
        }
    }

    /**
     * Each record read is tested against each condition of a filter, so a filter holds at most
     * 300 (each operator, and each and, or and not), as a DynamoDB expression does; a mutation's
     * condition too, and a refused one writes nothing.
     */
    @Test
    void aFilterHoldsAtMostThreeHundredConditions() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("filters.db")).start()) {
            call(server, "mutation { createPost(input: {id: \"p\", title: \"t\", status: DRAFT}) { id } }", Map.of());
            // an or of 149 fields with two operators each, and one more: 1 + 298 + 1 = 300
            List<Map<String, Object>> terms = new ArrayList<>();
            for (int i = 0; i < 149; i++) {
                terms.add(Map.of("title", Map.of("ne", "a" + i, "beginsWith", "t")));
            }
            terms.add(Map.of("rating", Map.of("gt", 3)));
            String list = "query($f: ModelPostFilterInput) { listPosts(filter: $f) { items { id } } }";
            JsonNode allowed = call(server, list, Map.of("f", Map.of("or", terms)));
            assertThat(allowed.toString()).isEqualTo("{\"data\":{\"listPosts\":{\"items\":[{\"id\":\"p\"}]}}}");
            JsonNode refused = call(server, list, Map.of("f", Map.of("or", terms, "not", Map.of("title", Map.of("eq", "x")))));
            assertThat(refused.get("errors").get(0).get("errorType").asText()).isEqualTo("BadRequest");
            assertThat(refused.get("errors").get(0).get("message").asText())
                    .isEqualTo("filter holds 302 conditions; at most 300 are taken, as in a DynamoDB expression");
            JsonNode update = call(server, "mutation($c: ModelPostConditionInput) { updatePost(input: {id: \"p\", title: \"new\","
                    + " _version: 1}, condition: $c) { id } }", Map.of("c", Map.of("or", terms, "not", Map.of("title", Map.of("eq", "x")))));
            assertThat(update.get("errors").get(0).get("message").asText()).startsWith("condition holds 302 conditions");
            assertThat(call(server, "{ getPost(id: \"p\") { title _version } }", Map.of()).toString())
                    .isEqualTo("{\"data\":{\"getPost\":{\"title\":\"t\",\"_version\":1}}}");
        }
    }

    /**
     * Once a request's answer reaches its limit, its later fields fail before they read or write:
     * here the first of three lists takes the whole budget, and a create after it is not made.
     */
    @Test
    void aRequestStopsReadingAndWritingOnceItsAnswerIsFull() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("budget.db"))
                .maxResponseBytes(10_000).start()) {
            for (int i = 0; i < 5; i++) {
                call(server, "mutation { createPost(input: {title: \"t\", status: DRAFT, content: \"" + "y".repeat(3_000)
                        + "\"}) { id } }", Map.of());
            }
            JsonNode response = call(server, "{ a: listPosts { items { content } } b: listPosts { items { id } }"
                    + " c: getPost(id: \"x\") { id } }", Map.of());
            assertThat(response.get("data").get("a").get("items")).hasSize(5);
            assertThat(response.get("data").get("b").isNull()).isTrue();
            assertThat(response.get("data").get("c").isNull()).isTrue();
            assertThat(response.get("errors")).hasSize(2).allSatisfy(error -> {
                assertThat(error.get("errorType").asText()).isEqualTo("BadRequest");
                assertThat(error.get("message").asText()).isEqualTo("this request's answer has reached 10000 bytes of records,"
                        + " the most one request gets; ask for less at a time (smaller limits, fewer queries in one request)");
            });
            JsonNode writes = call(server, "mutation { a: createPost(input: {id: \"big\", title: \"t\", status: DRAFT, content: \""
                    + "z".repeat(12_000) + "\"}) { id } b: createPost(input: {id: \"late\", title: \"t\", status: DRAFT}) { id } }",
                    Map.of());
            assertThat(writes.get("data").get("a").get("id").asText()).isEqualTo("big");
            assertThat(writes.get("data").get("b").isNull()).isTrue();
            assertThat(call(server, "{ getPost(id: \"late\") { id } }", Map.of()).get("data").get("getPost").isNull()).isTrue();
        }
    }
}
