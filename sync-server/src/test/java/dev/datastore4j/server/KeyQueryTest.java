package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads by key over HTTP: a list by partition key with composite sort key conditions, an index
 * query with a numeric sort key, both directions, paging while writes go on, pages of any size,
 * and a has-many whose children come sorted by the rest of their key.
 */
class KeyQueryTest {
    @TempDir
    Path temp;

    private SyncServer server;
    private SyncSemanticsTest.Client client;

    @BeforeEach
    void start() throws Exception {
        Schema schema = Codegen.compile(List.of(Path.of(getClass().getResource("/key-queries.graphql").toURI())))
                .schema().orElseThrow();
        server = SyncServer.builder(schema).port(0).database(temp.resolve("keys.db")).start();
        client = new SyncSemanticsTest.Client(server);
        client.graphql("mutation { createSensor(input: {id: \"s1\"}) { id } }");
        // inserted out of order, and with seq 10 after seq 9 so that text order would be wrong
        for (String reading : List.of("2026-01-02 10 temp 21.5", "2026-01-01 2 temp 9.5", "2026-01-02 9 humidity 40",
                "2026-01-01 1 temp 12", "2026-02-01 1 temp 3", "2026-01-01 10 humidity 55")) {
            add("s1", reading);
        }
        add("s2", "2026-01-01 1 temp 30");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void add(String sensor, String reading) throws Exception {
        String[] parts = reading.split(" ");
        client.graphql("mutation { createReading(input: {sensor: \"" + sensor + "\", day: \"" + parts[0] + "\", seq: "
                + parts[1] + ", kind: \"" + parts[2] + "\", value: " + parts[3] + "}) { sensor } }");
    }

    /** The readings a query returns, as "day/seq", from every page. */
    private List<String> readings(String field, String arguments) throws Exception {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = client.graphql("query q($token: String) { " + field + "(" + arguments + ", limit: 2, nextToken: $token)"
                    + " { items { sensor day seq } nextToken } }", token == null ? Map.of() : Map.of("token", token))
                    .get("data").get(field);
            page.get("items").forEach(item -> seen.add(item.get("day").asText() + "/" + item.get("seq").asInt()));
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (token != null);
        return seen;
    }

    @Test
    void aPartitionComesSortedByItsCompositeSortKey() throws Exception {
        assertThat(readings("listReadings", "sensor: \"s1\"")).containsExactly("2026-01-01/1", "2026-01-01/2",
                "2026-01-01/10", "2026-01-02/9", "2026-01-02/10", "2026-02-01/1");
        assertThat(readings("listReadings", "sensor: \"s1\", sortDirection: DESC")).containsExactly("2026-02-01/1",
                "2026-01-02/10", "2026-01-02/9", "2026-01-01/10", "2026-01-01/2", "2026-01-01/1");
        assertThat(readings("listReadings", "sensor: \"s2\"")).containsExactly("2026-01-01/1");
    }

    @Test
    void compositeConditionsCompareLeadingFieldsInOrder() throws Exception {
        assertThat(readings("listReadings", "sensor: \"s1\", daySeq: {eq: {day: \"2026-01-02\"}}"))
                .containsExactly("2026-01-02/9", "2026-01-02/10");
        assertThat(readings("listReadings", "sensor: \"s1\", daySeq: {eq: {day: \"2026-01-01\", seq: 10}}"))
                .containsExactly("2026-01-01/10");
        assertThat(readings("listReadings", "sensor: \"s1\", daySeq: {gt: {day: \"2026-01-01\", seq: 2}}"))
                .containsExactly("2026-01-01/10", "2026-01-02/9", "2026-01-02/10", "2026-02-01/1");
        assertThat(readings("listReadings", "sensor: \"s1\", daySeq: {le: {day: \"2026-01-02\", seq: 9}}"))
                .containsExactly("2026-01-01/1", "2026-01-01/2", "2026-01-01/10", "2026-01-02/9");
        assertThat(readings("listReadings", "sensor: \"s1\", daySeq: {between: [{day: \"2026-01-01\", seq: 5},"
                + " {day: \"2026-01-02\", seq: 9}]}")).containsExactly("2026-01-01/10", "2026-01-02/9");
        // a composite key's fields are typed (day: AWSDate), so a prefix of a day is refused, as by AppSync
        assertThat(readings("listReadings", "sensor: \"s1\", daySeq: {beginsWith: {day: \"2026-01-01\"}}"))
                .containsExactly("2026-01-01/1", "2026-01-01/2", "2026-01-01/10");
        assertThatThrownBy(() -> readings("listReadings", "sensor: \"s1\", daySeq: {beginsWith: {day: \"2026-01\"}}"))
                .hasMessageContaining("not a valid AWSDate: \\\"2026-01\\\"");
        // the filter applies on top of the key condition
        assertThat(readings("listReadings", "sensor: \"s1\", daySeq: {beginsWith: {day: \"2026-01-01\"}},"
                + " filter: {kind: {eq: \"humidity\"}}")).containsExactly("2026-01-01/10");
    }

    @Test
    void indexQueriesUseTheirSortKey() throws Exception {
        JsonNode page = client.graphql("{ readingsByKind(kind: \"temp\", value: {ge: 9.5}, sortDirection: DESC)"
                + " { items { sensor value } nextToken } }").get("data").get("readingsByKind");
        List<String> values = new ArrayList<>();
        page.get("items").forEach(item -> values.add(item.get("sensor").asText() + "=" + item.get("value").asDouble()));
        assertThat(values).containsExactly("s2=30.0", "s1=21.5", "s1=12.0", "s1=9.5");
        assertThat(page.get("nextToken").isNull()).isTrue();
        assertThat(readings("readingsByKind", "kind: \"humidity\"")).containsExactly("2026-01-02/9", "2026-01-01/10");
    }

    @Test
    void pagesNeitherRepeatNorSkipWhileRecordsArriveAndLeave() throws Exception {
        JsonNode first = client.graphql("{ listReadings(sensor: \"s1\", limit: 3) { items { seq } nextToken } }")
                .get("data").get("listReadings");
        assertThat(first.get("items").toString()).isEqualTo("[{\"seq\":1},{\"seq\":2},{\"seq\":10}]");
        add("s1", "2025-12-31 1 temp 0"); // before the position reached: not on later pages
        add("s1", "2026-01-03 1 temp 0"); // after it: on a later page
        client.graphql("mutation { deleteReading(input: {sensor: \"s1\", day: \"2026-01-02\", seq: 9, _version: 1}) { seq } }");
        JsonNode rest = client.graphql("query q($t: String) { listReadings(sensor: \"s1\", nextToken: $t) { items { day seq }"
                + " nextToken } }", Map.of("t", first.get("nextToken").asText())).get("data").get("listReadings");
        assertThat(rest.get("items").toString()).isEqualTo("[{\"day\":\"2026-01-02\",\"seq\":10},"
                + "{\"day\":\"2026-01-03\",\"seq\":1},{\"day\":\"2026-02-01\",\"seq\":1}]");
        assertThat(rest.get("nextToken").isNull()).isTrue();
    }

    /**
     * Many readings of one kind, their values drawn with ties, read back in pages of random sizes
     * in both directions: every reading comes exactly once, in the order of its value.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void pagesOfAnySizeMakeUpTheWholeOrder(long seed) throws Exception {
        System.out.println("KeyQueryTest seed " + seed);
        Random random = new Random(seed);
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            add("s3", "2026-03-01 " + i + " load " + random.nextInt(8));
            all.add("s3/" + i);
        }
        for (String direction : List.of("ASC", "DESC")) {
            List<String> seen = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            String token = null;
            do {
                int limit = 1 + random.nextInt(7);
                JsonNode page = client.graphql("query q($token: String) { readingsByKind(kind: \"load\", sortDirection: "
                        + direction + ", limit: " + limit + ", nextToken: $token) { items { sensor seq value } nextToken } }",
                        token == null ? Map.of() : Map.of("token", token)).get("data").get("readingsByKind");
                assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
                page.get("items").forEach(item -> {
                    seen.add(item.get("sensor").asText() + "/" + item.get("seq").asInt());
                    values.add(item.get("value").asDouble());
                });
                token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
            } while (token != null);
            assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            List<Double> ordered = new ArrayList<>(values);
            ordered.sort(direction.equals("ASC") ? Comparator.naturalOrder() : Comparator.reverseOrder());
            assertThat(values).isEqualTo(ordered);
        }
    }

    @Test
    void anIndexOnANumberFindsItsRecordsInKeyOrder() throws Exception {
        for (String sensor : List.of("f3", "f1", "f2", "f4")) {
            client.graphql("mutation { createSensor(input: {id: \"" + sensor + "\", floor: " + (sensor.equals("f2") ? 7 : 2)
                    + "}) { id } }");
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = client.graphql("query q($token: String) { sensorsByFloor(floor: 2, limit: 2, nextToken: $token)"
                    + " { items { id } nextToken } }", token == null ? Map.of() : Map.of("token", token)).get("data")
                    .get("sensorsByFloor");
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (token != null);
        assertThat(seen).containsExactly("f1", "f3", "f4");
    }

    @Test
    void hasManyChildrenComeSortedByTheRestOfTheirKey() throws Exception {
        JsonNode readings = client.graphql("{ getSensor(id: \"s1\") { readings(sortDirection: DESC, limit: 3) { items { day seq }"
                + " nextToken } } }").get("data").get("getSensor").get("readings");
        assertThat(readings.get("items").toString()).isEqualTo("[{\"day\":\"2026-02-01\",\"seq\":1},"
                + "{\"day\":\"2026-01-02\",\"seq\":10},{\"day\":\"2026-01-02\",\"seq\":9}]");
        assertThat(readings.get("nextToken").isNull()).isFalse();
    }

    /**
     * A position in a nextToken that does not fit the query is refused: a client cannot make a
     * token (they are sealed), but it can pass one of another query of the same kind.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"v\":[\"2026-01-01\"],\"k\":\"x\"}", "{\"v\":[\"2026-01-01\",{\"a\":1}],\"k\":\"x\"}",
            "{\"v\":[\"2026-01-01\",1]}", "not json"})
    void aSortedQueryRefusesAPositionThatIsNotOneOfItsOwn(String position) {
        KeyQuery readingsOfS1 = new KeyQuery(Map.of("sensor", TextNode.valueOf("s1")), List.of("day", "seq"), null, false,
                false);
        assertThat(catchThrowable(() -> readingsOfS1.position(position))).hasMessageContaining("invalid nextToken");
    }

    /**
     * A nextToken continues the query that returned it: one of another query of the same kind
     * (another index, another partition key, another condition) would start this one at a
     * position of that one's, and the records before it would be skipped unnoticed.
     */
    @Test
    void aTokenOfAnotherQueryOfTheSameKindIsRefused() throws Exception {
        client.graphql("mutation { createSensor(input: {id: \"s2\", floor: 1}) { id } }");
        client.graphql("mutation { createSensor(input: {id: \"s3\", floor: 1}) { id } }");
        String byFloor = client.graphql("{ sensorsByFloor(floor: 1, limit: 1) { nextToken } }").get("data")
                .get("sensorsByFloor").get("nextToken").asText();
        String ofS1 = client.graphql("{ listReadings(sensor: \"s1\", limit: 1) { nextToken } }").get("data")
                .get("listReadings").get("nextToken").asText();
        for (String other : List.of("sensorsByFloor(floor: 1", "listReadings(sensor: \"s2\"",
                "listReadings(sensor: \"s1\", daySeq: {ge: {day: \"2026-01-02\"}}",
                "listReadings(sensor: \"s1\", sortDirection: DESC")) {
            String query = "query q($t: String) { " + other + ", nextToken: $t) { items { __typename } } }";
            assertThat(catchThrowable(() -> client.graphql(query, Map.of("t", ofS1)))).as(other)
                    .hasMessageContaining("this nextToken belongs to another query");
        }
        assertThat(catchThrowable(() -> client.graphql("query q($t: String) { listReadings(sensor: \"s1\", nextToken: $t)"
                + " { items { seq } } }", Map.of("t", byFloor)))).hasMessageContaining("this nextToken belongs to another query");
        assertThat(client.graphql("query q($t: String) { listReadings(sensor: \"s1\", limit: 1, nextToken: $t) { items { seq } } }",
                Map.of("t", ofS1)).get("data").get("listReadings").get("items")).as("its own query goes on").hasSize(1);
    }

    @Test
    void aHasManyThatNamesAnIndexComesInThatIndexsOrder() throws Exception {
        for (String note : List.of("a 3", "b 1", "c 2")) {
            client.graphql("mutation { createNote(input: {sensorID: \"s1\", title: \"" + note.split(" ")[0] + "\", rank: "
                    + note.split(" ")[1] + "}) { id } }");
        }
        JsonNode notes = client.graphql("{ getSensor(id: \"s1\") { notes { items { title } } } }").get("data").get("getSensor")
                .get("notes");
        assertThat(notes.get("items").toString()).as("by rank, as bySensorByRank has them; not by title")
                .isEqualTo("[{\"title\":\"b\"},{\"title\":\"c\"},{\"title\":\"a\"}]");
    }

    /**
     * A has-many over a key of its children takes a condition on the rest of that key, as in
     * AppSync: a composite one over the children's primary key, a single one over a named index.
     */
    @Test
    void aHasManyTakesASortKeyConditionOnItsChildrensKey() throws Exception {
        JsonNode readings = client.graphql("{ getSensor(id: \"s1\") { readings(daySeq: {beginsWith: {day: \"2026-01-02\"}},"
                + " sortDirection: DESC) { items { day seq } } } }").get("data").get("getSensor").get("readings");
        assertThat(readings.get("items").toString())
                .isEqualTo("[{\"day\":\"2026-01-02\",\"seq\":10},{\"day\":\"2026-01-02\",\"seq\":9}]");
        for (String note : List.of("a 3", "b 1", "c 2")) {
            client.graphql("mutation { createNote(input: {sensorID: \"s1\", title: \"" + note.split(" ")[0] + "\", rank: "
                    + note.split(" ")[1] + "}) { id } }");
        }
        JsonNode notes = client.graphql("{ getSensor(id: \"s1\") { notes(rank: {ge: 2}) { items { title } } } }")
                .get("data").get("getSensor").get("notes");
        assertThat(notes.get("items").toString()).isEqualTo("[{\"title\":\"c\"},{\"title\":\"a\"}]");
    }

    /**
     * A read through an index finds only records holding its sort key, as DynamoDB's sparse
     * indexes do: an index query and a has-many naming the index leave out a record whose sort key
     * field is null (they returned it, first in the order), while a list of every record has it.
     */
    @Test
    void anIndexHoldsOnlyRecordsWithItsSortKey() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Board @model {
                  id: ID!
                  cards: [Card] @hasMany(indexName: "byBoard", fields: ["id"])
                }
                type Card @model {
                  id: ID!
                  boardID: ID! @index(name: "byBoard", sortKeyFields: ["rank"])
                  rank: Int
                  status: String! @index(name: "byStatus", queryField: "cardsByStatus", sortKeyFields: ["due"])
                  due: AWSDate
                }
                """);
        try (SyncServer boards = SyncServer.builder(schema).port(0).database(temp.resolve("boards.db")).start()) {
            SyncSemanticsTest.Client cards = new SyncSemanticsTest.Client(boards);
            cards.graphql("mutation { createBoard(input: {id: \"b\"}) { id } }");
            cards.graphql("mutation { createCard(input: {id: \"ranked\", boardID: \"b\", rank: 1, status: \"open\","
                    + " due: \"2026-12-01\"}) { id } }");
            cards.graphql("mutation { createCard(input: {id: \"unranked\", boardID: \"b\", status: \"open\"}) { id } }");
            assertThat(cards.graphql("{ cardsByStatus(status: \"open\") { items { id } } }").at("/data/cardsByStatus/items")
                    .toString()).isEqualTo("[{\"id\":\"ranked\"}]");
            assertThat(cards.graphql("{ cardsByStatus(status: \"open\", sortDirection: DESC) { items { id } } }")
                    .at("/data/cardsByStatus/items").toString()).isEqualTo("[{\"id\":\"ranked\"}]");
            assertThat(cards.graphql("{ getBoard(id: \"b\") { cards { items { id } } } }").at("/data/getBoard/cards/items")
                    .toString()).isEqualTo("[{\"id\":\"ranked\"}]");
            assertThat(cards.graphql("{ listCards { items { id } } }").at("/data/listCards/items")).hasSize(2);
            // given its sort key, the record is in the index
            cards.graphql("mutation { updateCard(input: {id: \"unranked\", rank: 0, due: \"2026-11-30\", _version: 1})"
                    + " { id } }");
            assertThat(cards.graphql("{ cardsByStatus(status: \"open\") { items { id } } }").at("/data/cardsByStatus/items")
                    .toString()).isEqualTo("[{\"id\":\"unranked\"},{\"id\":\"ranked\"}]");
            assertThat(cards.graphql("{ getBoard(id: \"b\") { cards { items { id } } } }").at("/data/getBoard/cards/items")
                    .toString()).isEqualTo("[{\"id\":\"unranked\"},{\"id\":\"ranked\"}]");
        }
    }

    @Test
    void aSortKeyConditionNeedsItsPartitionAndTokensTheirQuery() throws Exception {
        assertThat(catchThrowable(() -> client.graphql("{ listReadings(daySeq: {eq: {day: \"2026-01-01\"}}) { items { seq } } }")))
                .hasMessageContaining("a sort key condition needs a value for sensor");
        String token = client.graphql("{ listReadings(sensor: \"s1\", limit: 1) { nextToken } }").get("data")
                .get("listReadings").get("nextToken").asText();
        assertThat(catchThrowable(() -> client.graphql("query q($t: String) { syncReadings(nextToken: $t) { items { seq } } }",
                Map.of("t", token)))).hasMessageContaining("this nextToken belongs to another kind of query");
        assertThat(readings("listReadings", "filter: {seq: {eq: 10}}")).as("no partition key: every record")
                .containsExactlyInAnyOrder("2026-01-01/10", "2026-01-02/10");
    }

    /**
     * A many-to-many join model is read from either side by the query fields its indexes get, as
     * Amplify's generated queries read it ({@code recipeIngredientsByRecipeId}).
     */
    @Test
    void aJoinModelIsReadFromEitherSide() throws Exception {
        Schema recipes = Codegen.compile(List.of(Path.of("..", "test-schemas", "schemas", "valid", "recipes.graphql")))
                .schema().orElseThrow();
        try (SyncServer joined = SyncServer.builder(recipes).port(0).database(temp.resolve("recipes.db")).start()) {
            SyncSemanticsTest.Client recipesClient = new SyncSemanticsTest.Client(joined);
            recipesClient.graphql("mutation { createRecipe(input: {id: \"soup\", title: \"Soup\"}) { id } }");
            recipesClient.graphql("mutation { createIngredient(input: {id: \"salt\", name: \"Salt\"}) { id } }");
            recipesClient.graphql("mutation { createIngredient(input: {id: \"leek\", name: \"Leek\"}) { id } }");
            for (String ingredient : List.of("salt", "leek")) {
                recipesClient.graphql("mutation { createRecipeIngredients(input: {recipeId: \"soup\", ingredientId: \""
                        + ingredient + "\"}) { id } }");
            }
            assertThat(recipesClient.graphql("{ recipeIngredientsByRecipeId(recipeId: \"soup\") { items { ingredient { name } } } }")
                    .at("/data/recipeIngredientsByRecipeId/items").findValuesAsText("name")).containsExactlyInAnyOrder("Salt", "Leek");
            assertThat(recipesClient.graphql("{ recipeIngredientsByIngredientId(ingredientId: \"leek\") { items { recipe { title } } } }")
                    .at("/data/recipeIngredientsByIngredientId/items").findValuesAsText("title")).containsExactly("Soup");
        }
    }
}
