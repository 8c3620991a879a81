package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Responses over real HTTP gzipped for clients that accept it, as Amplify's do; small ones and
 * other clients' as they were. Request bodies sent gzipped are unzipped, within the body limit.
 */
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

    private HttpResponse<String> postBody(SyncServer server, byte[] body, String encoding) throws Exception {
        return http.send(HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                .header("content-encoding", encoding).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void gzippedRequestBodiesAreUnzippedWithinTheBodyLimit() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db")).start()) {
            byte[] create = ProtocolTest.JSON.createObjectNode()
                    .put("query", "mutation { createPost(input: {title: \"zipped\", status: DRAFT}) { title } }").toString()
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(postBody(server, gzip(create), "gzip").body())
                    .isEqualTo("{\"data\":{\"createPost\":{\"title\":\"zipped\"}}}");

            // cut short: Jetty's own request decoder spins on a CPU forever over such a body; the timeout catches that
            HttpResponse<String> cut = postBody(server, Arrays.copyOf(gzip(create), 10), "gzip");
            assertThat(cut.statusCode()).isEqualTo(400);
            assertThat(cut.body()).contains("the body is not gzip, or is cut short");
            assertThat(postBody(server, create, "gzip").statusCode()).as("not gzip at all").isEqualTo(400);

            // 48 KB that unzip to 50 MB stop at the 1 MiB limit
            HttpResponse<String> bomb = postBody(server, gzip(new byte[50_000_000]), "gzip");
            assertThat(bomb.statusCode()).isEqualTo(413);
            assertThat(bomb.body()).contains("request body unzips to more than 1048576 bytes");

            HttpResponse<String> brotli = postBody(server, create, "br");
            assertThat(brotli.statusCode()).isEqualTo(415);
            assertThat(brotli.body()).contains("send the body as it is or gzipped, not in Content-Encoding: br");
            assertThat(postBody(server, create, "identity").statusCode()).isEqualTo(200);
        }
    }

    /** A caller without credentials is refused before any work on its body: no unzipping a bomb for it. */
    @Test
    void aCallerWithoutCredentialsIsRefusedBeforeItsBodyIsUnzipped() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db"))
                .apiKey(AuthTest.API_KEY).start()) {
            HttpResponse<String> bomb = postBody(server, gzip(new byte[50_000_000]), "gzip");
            assertThat(bomb.statusCode()).as(bomb.body()).isEqualTo(401);
            assertThat(postBody(server, "not gzip".getBytes(StandardCharsets.UTF_8), "gzip").statusCode()).isEqualTo(401);
        }
    }
}
