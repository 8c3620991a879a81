package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nextTokens are sealed: a client cannot read where a read stopped (which may be the key of a
 * record it may not read), nor change a token or make one; a restarted server continues the
 * reads of the one before, and a server on another database refuses them.
 */
class PageTokensTest {
    private static final String LIST = "query q($t: String) { listPosts(limit: 1, nextToken: $t) { items { id } nextToken } }";
    private static final String SYNC = "query q($t: String) { syncPosts(limit: 1, nextToken: $t) { items { id } nextToken } }";

    @TempDir
    Path temp;

    private SyncServer server;
    private SyncSemanticsTest.Client client;

    /** A server with three posts, so that a page of one has a nextToken. */
    @BeforeEach
    void start() throws Exception {
        server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("a.db")).start();
        client = new SyncSemanticsTest.Client(server);
        createPosts(client);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void createPosts(SyncSemanticsTest.Client client) throws Exception {
        for (int i = 1; i <= 3; i++) {
            client.graphql("mutation { createPost(input: {id: \"telling-key-" + i + "\", title: \"t\", status: DRAFT}) { id } }");
        }
    }

    private static JsonNode page(SyncSemanticsTest.Client client, String query, String token) throws Exception {
        JsonNode response = client.graphql(query, token == null ? Map.of() : Map.of("t", token));
        return response.get("data").get(response.get("data").fieldNames().next());
    }

    @Test
    void aTokenTellsNothingOfWhereItStopped() throws Exception {
        for (String query : List.of(LIST, SYNC)) {
            String token = page(client, query, null).get("nextToken").asText();
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
            assertThat(decoded).doesNotContain("telling").doesNotContain("after");
            assertThat(page(client, query, null).get("nextToken").asText()).as("sealed afresh each time").isNotEqualTo(token);
        }
    }

    @Test
    void aChangedOrMadeUpTokenIsRefused() throws Exception {
        String token = page(client, LIST, null).get("nextToken").asText();
        List<String> changed = new ArrayList<>();
        // the last character may hold only padding bits, so change the ones before it
        for (int at : new int[] {0, token.length() / 2, token.length() - 2}) {
            changed.add(token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1));
        }
        changed.add(token.substring(0, token.length() - 4));
        String plain = "{\"k\":\"list\",\"s\":0,\"l\":0,\"t\":0,\"after\":\"[\\\"telling-key-1\\\"]\"}";
        changed.add(Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
        changed.add("not a token!");
        for (String bad : changed) {
            assertThat(catchThrowable(() -> page(client, LIST, bad))).as(bad).hasMessageContaining("invalid nextToken");
        }
    }

    /** A list's token continues that list: on another model's it would skip the records before its position. */
    @Test
    void aTokenContinuesItsOwnModelsRead() throws Exception {
        for (String query : List.of(LIST, SYNC)) {
            String token = page(client, query, null).get("nextToken").asText();
            String comments = query.replace("Posts", "Comments").replace("{ id }", "{ __typename }");
            assertThat(catchThrowable(() -> page(client, comments, token))).as(comments)
                    .hasMessageContaining("this nextToken belongs to another query");
        }
    }

    @Test
    void aTokenOutlivesARestartButNotItsDatabase() throws Exception {
        String list = page(client, LIST, null).get("nextToken").asText();
        String sync = page(client, SYNC, null).get("nextToken").asText();
        server.close();
        server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("a.db")).start(); // closed after
        SyncSemanticsTest.Client restarted = new SyncSemanticsTest.Client(server);
        assertThat(page(restarted, LIST, list).get("items").get(0).get("id").asText()).isEqualTo("telling-key-2");
        assertThat(page(restarted, SYNC, sync).get("items").get(0).get("id").asText()).isEqualTo("telling-key-2");
        try (SyncServer other = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("b.db")).start()) {
            SyncSemanticsTest.Client ofOther = new SyncSemanticsTest.Client(other);
            createPosts(ofOther);
            assertThat(catchThrowable(() -> page(ofOther, LIST, list))).hasMessageContaining("invalid nextToken");
        }
    }
}
