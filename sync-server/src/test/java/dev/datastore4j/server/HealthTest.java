package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} over real HTTP, with the database answering and with it gone. */
class HealthTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private HttpResponse<String> health(SyncServer server, String method) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/health");
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aServerWhoseDatabaseAnswersIsHealthy() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("server.db")).apiKey("k")
                .start()) {
            HttpResponse<String> ok = health(server, "GET"); // no credentials needed
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(ok.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(ok.headers().firstValue("server")).as("the server's software and version are not announced").isEmpty();
            HttpResponse<String> post = health(server, "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.body()).isEqualTo("{\"errors\":[{\"errorType\":\"BadRequest\",\"message\":\"use GET /health\"}]}");
        }
    }

    @Test
    void aServerWhoseDatabaseIsGoneSaysSoWithinItsWait() throws Exception {
        String url = PostgresFixture.newDatabase();
        SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).postgres(url).start();
        try {
            assertThat(health(server, "GET").statusCode()).isEqualTo(200);
            PostgresFixture.dropDatabase(url);
            long started = System.nanoTime();
            HttpResponse<String> gone = health(server, "GET");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(gone.statusCode()).isEqualTo(503);
            assertThat(gone.body()).isEqualTo("{\"status\":\"unavailable\"}");
            // the read pool may retry for its 30 s connection timeout; the answer does not wait for it
            assertThat(millis).isLessThan(HealthHandler.WAIT_MILLIS + 5_000);
            assertThat(health(server, "GET").statusCode()).isEqualTo(503);
        } finally {
            try {
                server.close();
            } catch (RuntimeException e) {
                // its database is gone: closing may report that, which is not what this test is about
            }
        }
    }
}
