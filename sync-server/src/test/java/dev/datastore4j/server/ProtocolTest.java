package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents an AppSync DataStore client sends, over real HTTP on loopback, and the exact
 * shapes of the answers: versions, tombstones, conflicts, conditions, base and delta sync.
 */
class ProtocolTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Schema BLOG = Codegen.compile(List.of(Path.of("..", "test-schemas", "schemas", "valid", "blog.graphql")))
            .schema().orElseThrow();

    /** What Amplify JS DataStore selects for a Post. */
    static final String POST_FIELDS = "id title content rating status tags publishedOn blogPostsId owner createdAt updatedAt"
            + " blog { id _deleted } _version _lastChangedAt _deleted __typename";

    @TempDir
    Path temp;

    private SyncServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.builder(BLOG).port(0).database(temp.resolve("server.db"))
                .conflictStrategy(ConflictStrategy.OPTIMISTIC_CONCURRENCY).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode post(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("content-type", "application/json").header("x-api-key", "da2-test")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        return post(body.toString());
    }

    JsonNode createPost(String id, String title) throws Exception {
        return graphql("mutation operation($input: CreatePostInput!, $condition: ModelPostConditionInput) {"
                + " createPost(input: $input, condition: $condition) { " + POST_FIELDS + " } }",
                Map.of("input", Map.of("id", id, "title", title, "status", "DRAFT", "tags", List.of("a"))));
    }

    JsonNode updatePost(Map<String, Object> input) throws Exception {
        Map<String, Object> variables = new HashMap<>();
        variables.put("input", input);
        variables.put("condition", null);
        return graphql("mutation operation($input: UpdatePostInput!, $condition: ModelPostConditionInput) {"
                + " updatePost(input: $input, condition: $condition) { " + POST_FIELDS + " } }", variables);
    }

    JsonNode sync(Long lastSync, Integer limit, String nextToken) throws Exception {
        Map<String, Object> variables = new HashMap<>();
        variables.put("lastSync", lastSync);
        variables.put("limit", limit);
        variables.put("nextToken", nextToken);
        variables.put("filter", null);
        return graphql("query operation($limit: Int, $nextToken: String, $lastSync: AWSTimestamp, $filter: ModelPostFilterInput) {"
                + " syncPosts(limit: $limit, nextToken: $nextToken, lastSync: $lastSync, filter: $filter) {"
                + " items { " + POST_FIELDS + " } nextToken startedAt } }", variables).get("data").get("syncPosts");
    }

    @Test
    void createStartsAtVersionOneWithServerTimestamps() throws Exception {
        String id = UUID.randomUUID().toString();
        long before = System.currentTimeMillis();
        JsonNode created = createPost(id, "Hello").get("data").get("createPost");
        assertThat(created.get("id").asText()).isEqualTo(id);
        assertThat(created.get("_version").asInt()).isEqualTo(1);
        assertThat(created.get("_deleted").isNull()).isTrue();
        assertThat(created.get("_lastChangedAt").asLong()).isGreaterThanOrEqualTo(before);
        // as AppSync writes them: UTC with milliseconds, so that they compare as text with a client's
        assertThat(created.get("createdAt").asText()).isEqualTo(created.get("updatedAt").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(created.get("__typename").asText()).isEqualTo("Post");
        assertThat(created.get("content").isNull()).isTrue();
    }

    /**
     * A model may declare a timestamp itself (a {@code createdAt: String!} to sort a room's messages
     * by, say). As in AppSync, a create may leave it out and the server fills it in, before it
     * works out a key that holds it; a value the create gives is kept, and so is an {@code
     * updatedAt} an update gives.
     */
    @Test
    void aTimestampTheModelDeclaresIsFilledInWhenACreateLeavesItOut() throws Exception {
        Path file = Files.writeString(temp.resolve("declared.graphql"), """
                type Message @model {
                  id: ID!
                  room: ID! @index(name: "byRoom", sortKeyFields: ["createdAt"], queryField: "messagesByRoom")
                  createdAt: String!
                  updatedAt: String
                  text: String
                }
                type Reading @model {
                  sensor: ID! @primaryKey(sortKeyFields: ["createdAt"])
                  createdAt: AWSDateTime!
                  value: Float
                }""");
        try (SyncServer declared = SyncServer.builder(Codegen.compile(List.of(file)).schema().orElseThrow()).port(0)
                .database(temp.resolve("declared.db")).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(declared);
            JsonNode filled = client.graphql("mutation { createMessage(input: {room: \"r\"}) { createdAt updatedAt } }")
                    .at("/data/createMessage");
            assertThat(filled.get("createdAt").asText()).isEqualTo(filled.get("updatedAt").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(client.graphql("mutation { createMessage(input: {room: \"r\", createdAt: \"2020-01-01\"}) { createdAt } }")
                    .at("/data/createMessage/createdAt").asText()).isEqualTo("2020-01-01");
            assertThat(client.graphql("{ messagesByRoom(room: \"r\") { items { createdAt } } }").at("/data/messagesByRoom/items"))
                    .extracting(item -> item.get("createdAt").asText()).containsExactly("2020-01-01", filled.get("createdAt").asText());
            String id = client.graphql("mutation { createMessage(input: {room: \"r\"}) { id } }").at("/data/createMessage/id").asText();
            JsonNode given = client.graphql("mutation m($id: ID!) { updateMessage(input: {id: $id, text: \"a\", updatedAt: \"2021-01-01\","
                    + " _version: 1}) { updatedAt } }", Map.of("id", id));
            assertThat(given.at("/data/updateMessage/updatedAt").asText()).isEqualTo("2021-01-01");
            JsonNode set = client.graphql("mutation m($id: ID!) { updateMessage(input: {id: $id, text: \"b\", _version: 2})"
                    + " { updatedAt } }", Map.of("id", id));
            assertThat(set.at("/data/updateMessage/updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z").isNotEqualTo("2021-01-01");

            String at = client.graphql("mutation { createReading(input: {sensor: \"s\", value: 1.5}) { createdAt } }")
                    .at("/data/createReading/createdAt").asText();
            assertThat(client.graphql("query q($at: AWSDateTime!) { getReading(sensor: \"s\", createdAt: $at) { value } }",
                    Map.of("at", at)).at("/data/getReading/value").asDouble()).isEqualTo(1.5);
        }
    }

    /**
     * A key longer than AppSync's DynamoDB tables take (a partition key of 2,048 bytes of UTF-8) is
     * refused as a bad request, in a create and in a read, on SQLite as on PostgreSQL, where it
     * failed the write once it was too long for the notification announcing it.
     */
    @Test
    void aKeyLongerThanAppSyncTakesIsRefused() throws Exception {
        String longest = "é".repeat(1024); // 2,048 bytes
        assertThat(createPost(longest, "fits").get("data").get("createPost").get("id").asText()).isEqualTo(longest);
        JsonNode refused = createPost(longest + "x", "too long");
        assertThat(refused.get("errors").get(0).get("errorType").asText()).isEqualTo("BadRequest");
        assertThat(refused.get("errors").get(0).get("message").asText())
                .isEqualTo("key field Post.id holds 2049 bytes: a partition key holds at most 2048 (as in AppSync's DynamoDB)");
        assertThat(graphql("query q($id: ID!) { getPost(id: $id) { id } }", Map.of("id", longest + "x"))
                .get("errors").get(0).get("errorType").asText()).isEqualTo("BadRequest");
    }

    /**
     * A client that keeps times to the millisecond (JavaScript's {@code Date}) asks for what was
     * created since a record it has: the record itself must be among the answers. Fields compare
     * as text, so the server's timestamps must have the client's form.
     */
    @Test
    void serverTimestampsCompareWithAClientsMilliseconds() throws Exception {
        String id = UUID.randomUUID().toString();
        String createdAt = createPost(id, "Hello").get("data").get("createPost").get("createdAt").asText();
        String sinceThen = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.parse(createdAt).truncatedTo(ChronoUnit.MILLIS));
        JsonNode found = graphql("query q($id: ID, $since: String) { listPosts(filter: {id: {eq: $id},"
                + " createdAt: {ge: $since}}) { items { id } } }", Map.of("id", id, "since", sinceThen));
        assertThat(found.get("data").get("listPosts").get("items")).hasSize(1);
    }

    /**
     * A field with an @default may be left out of a create, even a required one (the input type
     * makes it optional), or set to null, and the server gives it its default, as AppSync's
     * create resolver does ({@code $util.defaultIfNull}).
     */
    @Test
    void fieldsLeftOutOfACreateGetTheirDefaults() throws Exception {
        JsonNode created = graphql("mutation { createPost(input: {title: \"t\"}) { rating status } }", Map.of())
                .get("data").get("createPost");
        assertThat(created.toString()).isEqualTo("{\"rating\":0,\"status\":\"DRAFT\"}");
        JsonNode withNulls = graphql("mutation { createPost(input: {title: \"t\", rating: null, status: null}) { rating status } }",
                Map.of()).get("data").get("createPost");
        assertThat(withNulls.toString()).isEqualTo("{\"rating\":0,\"status\":\"DRAFT\"}");
        assertThat(sync(null, null, null).get("items")).as("every stored post reads back, and no more").hasSize(2);
    }

    @Test
    void recordsCreatedWithoutAnIdGetATimeOrderedUuid() throws Exception {
        long before = System.currentTimeMillis();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String id = graphql("mutation { createPost(input: {title: \"t\", status: DRAFT}) { id } }", Map.of())
                    .get("data").get("createPost").get("id").asText();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(20);
    }

    @Test
    void creatingAnExistingIdFails() throws Exception {
        createPost("p1", "one");
        JsonNode again = createPost("p1", "two");
        assertThat(again.get("data").get("createPost").isNull()).isTrue();
        assertThat(again.get("errors").get(0).get("errorType").asText()).isEqualTo("DynamoDB:ConditionalCheckFailedException");
    }

    @Test
    void updatesWithTheCurrentVersionBumpIt() throws Exception {
        createPost("p1", "one");
        JsonNode updated = updatePost(Map.of("id", "p1", "title", "two", "_version", 1)).get("data").get("updatePost");
        assertThat(updated.get("_version").asInt()).isEqualTo(2);
        assertThat(updated.get("title").asText()).isEqualTo("two");
        assertThat(updated.get("tags").toString()).isEqualTo("[\"a\"]"); // fields not sent are kept
    }

    @Test
    void aRequiredFieldCannotBeClearedByAnUpdate() throws Exception {
        createPost("p1", "one");
        Map<String, Object> input = new HashMap<>(Map.of("id", "p1", "_version", 1));
        input.put("title", null);
        JsonNode response = updatePost(input);
        assertThat(response.get("errors").get(0).get("message").asText())
                .isEqualTo("Post.title is required and cannot be set to null");
        JsonNode stored = graphql("{ getPost(id: \"p1\") { title _version } }", Map.of()).get("data").get("getPost");
        assertThat(stored.toString()).isEqualTo("{\"title\":\"one\",\"_version\":1}");
    }

    @Test
    void aStaleVersionIsRejectedWithTheServerRecord() throws Exception {
        createPost("p1", "one");
        updatePost(Map.of("id", "p1", "title", "two", "_version", 1));
        JsonNode response = updatePost(Map.of("id", "p1", "title", "stale", "_version", 1));
        assertThat(response.get("data").toString()).isEqualTo("{\"updatePost\":null}");
        JsonNode error = response.get("errors").get(0);
        assertThat(error.get("path").toString()).isEqualTo("[\"updatePost\"]");
        assertThat(error.get("errorType").asText()).isEqualTo("ConflictUnhandled");
        assertThat(error.get("message").asText()).isEqualTo("Conflict resolver rejects mutation.");
        assertThat(error.get("locations").toString()).as("where updatePost is in the document, as AppSync gives it")
                .isEqualTo("[{\"line\":1,\"column\":85,\"sourceName\":null}]");
        assertThat(error.get("data").get("title").asText()).isEqualTo("two");
        assertThat(error.get("data").get("_version").asInt()).isEqualTo(2);
        assertThat(error.get("data").has("_lastChangedAt")).isTrue();
    }

    @Test
    void deletesLeaveTombstonesThatSyncReturns() throws Exception {
        createPost("p1", "one");
        JsonNode deleted = graphql("mutation operation($input: DeletePostInput!, $condition: ModelPostConditionInput) {"
                + " deletePost(input: $input, condition: $condition) { " + POST_FIELDS + " } }",
                Map.of("input", Map.of("id", "p1", "_version", 1))).get("data").get("deletePost");
        assertThat(deleted.get("_deleted").asBoolean()).isTrue();
        assertThat(deleted.get("_version").asInt()).isEqualTo(2);
        JsonNode items = sync(0L, null, null).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("_deleted").asBoolean()).isTrue();
        JsonNode list = graphql("{ listPosts { items { id } } }", Map.of()).get("data").get("listPosts").get("items");
        assertThat(list).isEmpty();
    }

    /**
     * An update or delete of a record deleted meanwhile (by another device, say), made at the
     * version before the delete, is a conflict whose server copy is the tombstone, an answer
     * Amplify's DataStore clients handle: one that takes the server's copy deletes the record
     * locally too. A conditional check failure carries no record, and the client would drop its
     * mutation and keep a record the server has deleted (while that mutation was pending, its sync
     * had skipped the tombstone). Sent again at the tombstone's version, as the JavaScript
     * client's default conflict handler does, a delete finds the record deleted and an update
     * brings it back with its change; a server that refused that too would have the client retry
     * for ever.
     */
    @Test
    void changingADeletedRecordIsAConflictWithItsTombstone() throws Exception {
        createPost("p1", "one");
        graphql("mutation { deletePost(input: {id: \"p1\", _version: 1}) { id } }", Map.of());
        List<JsonNode> stale = List.of(updatePost(Map.of("id", "p1", "title", "offline edit", "_version", 1)),
                graphql("mutation { deletePost(input: {id: \"p1\", _version: 1}) { id } }", Map.of()));
        for (JsonNode response : stale) {
            JsonNode error = response.get("errors").get(0);
            assertThat(error.get("errorType").asText()).as("%s", response).isEqualTo("ConflictUnhandled");
            assertThat(error.get("data").get("_deleted").asBoolean()).isTrue();
            assertThat(error.get("data").get("_version").asInt()).isEqualTo(2);
            assertThat(error.get("data").get("title").asText()).isEqualTo("one");
        }
        JsonNode deletedAgain = graphql("mutation { deletePost(input: {id: \"p1\", _version: 2}) { _version _deleted } }",
                Map.of()).get("data").get("deletePost");
        assertThat(deletedAgain.toString()).as("nothing written").isEqualTo("{\"_version\":2,\"_deleted\":true}");
        JsonNode back = updatePost(Map.of("id", "p1", "title", "offline edit", "_version", 2)).get("data").get("updatePost");
        assertThat(back.get("_version").asInt()).isEqualTo(3);
        assertThat(back.get("_deleted").isNull()).isTrue();
        assertThat(back.get("title").asText()).isEqualTo("offline edit");
        assertThat(back.get("tags").toString()).as("the rest as it was").isEqualTo("[\"a\"]");
        JsonNode stored = sync(0L, null, null).get("items").get(0);
        assertThat(stored.get("_version").asInt()).isEqualTo(3);
        assertThat(stored.get("_deleted").isNull()).isTrue();
        assertThat(updatePost(Map.of("id", "never", "title", "x", "_version", 1)).get("errors").get(0).get("errorType").asText())
                .as("a record that never existed").isEqualTo("DynamoDB:ConditionalCheckFailedException");
    }

    @Test
    void conditionsAreCheckedAgainstTheStoredRecord() throws Exception {
        createPost("p1", "one");
        Map<String, Object> variables = new HashMap<>();
        variables.put("input", Map.of("id", "p1", "title", "two", "_version", 1));
        variables.put("condition", Map.of("title", Map.of("eq", "not one")));
        JsonNode response = graphql("mutation operation($input: UpdatePostInput!, $condition: ModelPostConditionInput) {"
                + " updatePost(input: $input, condition: $condition) { id _version } }", variables);
        assertThat(response.get("errors").get(0).get("errorType").asText()).isEqualTo("DynamoDB:ConditionalCheckFailedException");
        variables.put("condition", Map.of("title", Map.of("eq", "one")));
        assertThat(graphql("mutation operation($input: UpdatePostInput!, $condition: ModelPostConditionInput) {"
                + " updatePost(input: $input, condition: $condition) { id _version } }", variables)
                .get("data").get("updatePost").get("_version").asInt()).isEqualTo(2);
    }

    @Test
    void baseSyncPagesWithAFixedStartedAtThenDeltaSyncReturnsOnlyChanges() throws Exception {
        for (int i = 0; i < 5; i++) {
            createPost("p" + i, "post " + i);
        }
        JsonNode first = sync(0L, 2, null);
        long startedAt = first.get("startedAt").asLong();
        List<String> ids = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            assertThat(page.get("startedAt").asLong()).isEqualTo(startedAt);
            if (page.get("nextToken").isNull()) {
                break;
            }
            page = sync(0L, 2, page.get("nextToken").asText());
        }
        assertThat(ids).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");

        updatePost(Map.of("id", "p3", "title", "changed", "_version", 1));
        JsonNode delta = sync(startedAt, null, null);
        assertThat(delta.get("items")).hasSize(1);
        assertThat(delta.get("items").get(0).get("title").asText()).isEqualTo("changed");
        assertThat(delta.get("startedAt").asLong()).isGreaterThan(startedAt);
    }

    @Test
    void aLastSyncOlderThanTheDeltaRetentionGetsABaseSync() throws Exception {
        createPost("p1", "one");
        createPost("p2", "two");
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        assertThat(sync(hourAgo, null, null).get("items")).hasSize(2);
    }

    @Test
    void parentsAreSelectedAsNestedObjects() throws Exception {
        graphql("mutation { createBlog(input: {id: \"b1\", name: \"news\"}) { id } }", Map.of());
        graphql("mutation { createPost(input: {id: \"p1\", title: \"t\", status: PUBLISHED, blogPostsId: \"b1\"}) { id } }",
                Map.of());
        JsonNode post = graphql("{ getPost(id: \"p1\") { id blog { id name _deleted } } }", Map.of()).get("data").get("getPost");
        assertThat(post.get("blog").toString()).isEqualTo("{\"id\":\"b1\",\"name\":\"news\",\"_deleted\":null}");
        JsonNode posts = graphql("{ getBlog(id: \"b1\") { posts { items { id } } } }", Map.of()).get("data").get("getBlog");
        assertThat(posts.get("posts").get("items").get(0).get("id").asText()).isEqualTo("p1");
    }

    @Test
    void badRequestsGetErrorsAndTheServerKeepsServing() throws Exception {
        JsonNode notJson = post("{not json").get("errors").get(0);
        assertThat(notJson.get("errorType").asText()).isEqualTo("MalformedHttpRequestException");
        assertThat(notJson.get("message").asText()).startsWith("the body is not JSON the server reads: Unexpected character ('n'")
                .endsWith("(line 1, column 2)");
        String tooDeep = "{\"query\":\"{ listPosts { items { id } } }\",\"variables\":{\"x\":" + "[".repeat(2_000)
                + "]".repeat(2_000) + "}}";
        assertThat(post(tooDeep).get("errors").get(0).get("message").asText())
                .startsWith("the body is not JSON the server reads: Document nesting depth (1001) exceeds the maximum allowed");
        assertThat(post("{\"variables\":{}}").get("errors").get(0).get("message").asText())
                .isEqualTo("the body needs a \"query\" string");
        assertThat(post("{\"query\":\"{ listPosts { items { id } } }\",\"variables\":[1]}").get("errors").get(0)
                .get("message").asText()).isEqualTo("\"variables\" must be an object");
        assertThat(post("{\"query\":\"{ listPosts { items { id } } }\",\"operationName\":5}").get("errors").get(0)
                .get("message").asText()).isEqualTo("\"operationName\" must be a string");
        JsonNode batched = post(" [{\"query\":\"{ listPosts { items { id } } }\"}]").get("errors").get(0);
        assertThat(batched.get("errorType").asText()).isEqualTo("BadRequest");
        assertThat(batched.get("message").asText()).isEqualTo("the body must be one JSON object, {\"query\": ..., \"variables\":"
                + " {...}}, not an array (batched requests are not served: send each on its own)");
        assertThat(post("\"{ listPosts { items { id } } }\"").get("errors").get(0).get("message").asText()).endsWith("not a string");
        assertThat(post("42").get("errors").get(0).get("message").asText()).endsWith("not a number");
        JsonNode unknownField = graphql("{ getPost(id: \"x\") { nope } }", Map.of());
        assertThat(unknownField.get("errors").get(0).get("message").asText()).contains("nope");
        JsonNode wrongType = graphql("query q($l: Int) { listPosts(limit: $l) { items { id } } }", Map.of("l", "ten"));
        assertThat(wrongType.get("errors")).isNotEmpty();
        JsonNode tooMany = graphql("{ listPosts(limit: 5000) { items { id } } }", Map.of());
        assertThat(tooMany.get("errors").get(0).get("message").asText()).isEqualTo("limit must be between 1 and 1000, not 5000");
        String deep = "{ getPost(id: \"x\") { " + "blog { posts { items { ".repeat(6) + "id" + " } } }".repeat(6) + " } }";
        assertThat(graphql(deep, Map.of()).get("errors").get(0).get("message").asText())
                .isEqualTo("maximum query depth exceeded: 20 > 15");
        String wide = "{ listPosts { items { " + "t%d: title ".repeat(2000).formatted(java.util.stream.IntStream.range(0, 2000)
                .boxed().toArray()) + " } } }";
        assertThat(graphql(wide, Map.of()).get("errors").get(0).get("message").asText())
                .isEqualTo("maximum query complexity exceeded: 2002 fields > 2000");
        // measured once per document, but with @include the measure depends on the variables
        String maybeDeep = "query q($deep: Boolean!) { getPost(id: \"x\") { id ... @include(if: $deep) { "
                + "blog { posts { items { ".repeat(6) + "id" + " } } }".repeat(6) + " } } }";
        assertThat(graphql(maybeDeep, Map.of("deep", false)).has("errors")).isFalse();
        assertThat(graphql(maybeDeep, Map.of("deep", true)).get("errors").get(0).get("message").asText())
                .startsWith("maximum query depth exceeded");
        // half of an emoji, as a JSON escape in the variables or a GraphQL escape in the document:
        // the database would keep a ? instead; and U+0000, which PostgreSQL cannot keep
        String halfEmoji = "{\"query\":\"mutation m($t: String!) { createPost(input: {title: $t, status: DRAFT}) { id } }\","
                + "\"variables\":{\"t\":\"cut \\ud83d\"}}";
        assertThat(post(halfEmoji).get("errors").get(0).get("message").asText())
                .isEqualTo("input.title holds text that is not Unicode (half of a surrogate pair, without the other half)");
        assertThat(post(halfEmoji.replace("\\ud83d", "\\u0000")).get("errors").get(0).get("message").asText())
                .isEqualTo("input.title holds text with U+0000, which cannot be stored");
        assertThat(post("{\"query\":\"mutation m($tags: [String!]) { createPost(input: {title: \\\"t\\\", tags: $tags, status: DRAFT})"
                + " { id } }\",\"variables\":{\"tags\":[\"ok\",\"cut \\ud83d\"]}}").get("errors").get(0).get("message").asText())
                .startsWith("input.tags[1] holds text that is not Unicode");
        // in the document itself, graphql-java refuses half a pair; U+0000 it decodes, and it is refused here
        assertThat(graphql("mutation { createPost(input: {title: \"cut \\ud83d\", status: DRAFT}) { id } }", Map.of())
                .get("errors").get(0).get("message").asText()).contains("Invalid unicode");
        assertThat(graphql("mutation { createPost(input: {title: \"a\\u0000b\", status: DRAFT}) { id } }", Map.of())
                .get("errors").get(0).get("message").asText()).isEqualTo("input.title holds text with U+0000, which cannot be stored");
        assertThat(post(halfEmoji.replace("\\ud83d", "\\ud83d\\ude00")).has("errors")).isFalse();
        List<String> titles = new ArrayList<>();
        graphql("{ listPosts { items { title } } }", Map.of()).get("data").get("listPosts").get("items")
                .forEach(item -> titles.add(item.get("title").asText()));
        assertThat(titles).containsExactly("cut \ud83d\ude00");
        String huge = "{\"query\":\"" + "x".repeat(2 << 20) + "\"}";
        assertThat(post(huge).get("errors").get(0).get("message").asText()).startsWith("request body is larger than");
        assertThat(createPost("still", "serving").get("data").get("createPost").get("_version").asInt()).isEqualTo(1);
    }

    @Test
    void readsWithTextNoRecordCanHoldAreRefusedNotMatchedLoosely() throws Exception {
        // the database keeps "a?b" for a key sent with half an emoji between a and b:
        // a read must not take one for the other
        createPost("a?b", "question mark");
        String get = "{\"query\":\"query q($id: ID!) { getPost(id: $id) { id } }\",\"variables\":{\"id\":\"a\\ud800b\"}}";
        assertThat(post(get).get("errors").get(0).get("message").asText())
                .isEqualTo("id holds text that is not Unicode (half of a surrogate pair, without the other half)");
        assertThat(post(get).get("data").get("getPost").isNull()).isTrue();
        assertThat(post(get.replace("\\ud800", "\\u0000")).get("errors").get(0).get("message").asText())
                .isEqualTo("id holds text with U+0000, which cannot be stored");
        String filtered = "{\"query\":\"query q($t: String) { listPosts(filter: {title: {ne: $t}}) { items { id } } }\","
                + "\"variables\":{\"t\":\"question\\u0000\"}}";
        assertThat(post(filtered).get("errors").get(0).get("message").asText())
                .isEqualTo("filter.title.ne holds text with U+0000, which cannot be stored");
        String synced = "{ syncPosts(filter: {title: {beginsWith: \"q\\u0000\"}}) { items { id } } }";
        assertThat(graphql(synced, Map.of()).get("errors").get(0).get("message").asText())
                .isEqualTo("filter.title.beginsWith holds text with U+0000, which cannot be stored");
        assertThat(graphql("{ getPost(id: \"a?b\") { title } }", Map.of()).get("data").get("getPost").get("title").asText())
                .isEqualTo("question mark");
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/nope"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }
}
