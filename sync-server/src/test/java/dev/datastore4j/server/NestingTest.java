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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-model types that hold themselves (the folders schema: a layout of panels within panels)
 * nest as deep as AppSync's DynamoDB keeps an attribute, 32 levels with the attribute itself, and
 * no deeper: a deeper value is a bad request in a create and in an update, and nothing is written.
 * The local store refuses the same values when they are saved (its NestedObjectsTest).
 */
class NestingTest {
    private static final Schema FOLDERS = Codegen.compile(
            List.of(Path.of("..", "test-schemas", "schemas", "valid", "folders.graphql"))).schema().orElseThrow();

    @TempDir
    Path temp;

    private SyncServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.builder(FOLDERS).port(0).database(temp.resolve("server.db")).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A panel in lists of panels {@code levels} times: 2 levels of JSON each, and the panel's own object. */
    private static Map<String, Object> nested(int levels) {
        Map<String, Object> panel = Map.of("title", "leaf");
        for (int i = 0; i < levels; i++) {
            panel = Map.of("title", "level " + i, "panels", List.of(panel));
        }
        return panel;
    }

    @Test
    void aValueNestedDeeperThanDynamoDbKeepsIsABadRequest() throws Exception {
        String create = "mutation m($input: CreateFolderInput!) { createFolder(input: $input) { id _version } }";
        JsonNode kept = graphql(create, Map.of("input", Map.of("id", "deepest", "name", "n", "layout", nested(15))));
        assertThat(kept.get("data").get("createFolder").get("_version").asInt()).isEqualTo(1); // 31 levels

        JsonNode refused = graphql(create, Map.of("input", Map.of("id", "too-deep", "name", "n", "layout", nested(16))));
        assertThat(refused.get("errors").get(0).get("errorType").asText()).isEqualTo("BadRequest");
        assertThat(refused.get("errors").get(0).get("message").asText()).isEqualTo("Folder.layout nests lists and objects 33"
                + " levels deep: AppSync's DynamoDB keeps at most 31 (an attribute nests at most 32 levels, itself the first)");

        JsonNode update = graphql("mutation m($input: UpdateFolderInput!) { updateFolder(input: $input) { _version } }",
                Map.of("input", Map.of("id", "deepest", "_version", 1, "layout", nested(16))));
        assertThat(update.get("errors").get(0).get("errorType").asText()).isEqualTo("BadRequest");
        JsonNode stored = graphql("query { listFolders { items { id _version } } }", Map.of());
        assertThat(stored.get("data").get("listFolders").get("items")).hasSize(1);
        assertThat(stored.get("data").get("listFolders").get("items").get(0).get("_version").asInt()).isEqualTo(1);
    }

    private JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
        ObjectNode body = ProtocolTest.JSON.createObjectNode().put("query", query);
        body.set("variables", ProtocolTest.JSON.valueToTree(variables));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return ProtocolTest.JSON.readTree(response.body());
    }
}
