package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Responses over real HTTP gzipped for clients that accept it, as Amplify's do; small ones and other clients' as they were. */
class CompressionTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private HttpResponse<byte[]> post(SyncServer server, String query, boolean acceptGzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProtocolTest.JSON.createObjectNode().put("query", query).toString()));
        if (acceptGzip) {
            request.header("accept-encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void largeResponsesAreGzippedForClientsThatAcceptIt() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db")).start()) {
            for (int i = 0; i < 100; i++) {
                post(server, "mutation { createPost(input: {title: \"post " + i + " of a page that a base sync reads\","
                        + " content: \"the same words again and again\", status: DRAFT}) { id } }", false);
            }
            String list = "{ listPosts(limit: 100) { items { id title content status _version } } }";
            HttpResponse<byte[]> plain = post(server, list, false);
            HttpResponse<byte[]> gzipped = post(server, list, true);
            assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
            assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
            JsonNode items = ProtocolTest.JSON.readTree(unzipped).at("/data/listPosts/items");
            assertThat(items).hasSize(100);
            assertThat(ProtocolTest.JSON.readTree(unzipped)).isEqualTo(ProtocolTest.JSON.readTree(plain.body()));
            assertThat(gzipped.body().length).as("of %d bytes", plain.body().length).isLessThan(plain.body().length / 4);

            HttpResponse<byte[]> small = post(server, "{ listPosts(limit: 1) { items { id } } }", true);
            assertThat(small.headers().firstValue("content-encoding")).as("under 1 KiB").isEmpty();
            assertThat(ProtocolTest.JSON.readTree(small.body()).at("/data/listPosts/items")).hasSize(1);
        }
    }
}
