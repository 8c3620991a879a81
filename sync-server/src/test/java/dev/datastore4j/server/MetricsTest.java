package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP, after real requests and a real WebSocket subscription. */
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void operationsAnswersAndSubscriptionsAreCounted() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("server.db"))
                .conflictStrategy(ConflictStrategy.OPTIMISTIC_CONCURRENCY).metrics(true).start()) {
            RealtimeTest.Connection connection = RealtimeTest.connect(server, true,
                    "{\"host\":\"127.0.0.1\",\"x-api-key\":\"da2-test\"}");
            connection.send(RealtimeTest.start("s1", "subscription { onCreatePost { id } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            connection.send(RealtimeTest.start("s1", "subscription { onUpdatePost { id } }", Map.of()));
            assertThat(connection.next().get("type").asText()).as("an id in use").isEqualTo("error");
            connection.send(RealtimeTest.start("s2", "subscription { onCreatePost { nothing } }", Map.of()));
            assertThat(connection.next().get("type").asText()).as("no such field").isEqualTo("error");

            assertThat(post(server, "mutation { createPost(input: {id: \"p1\", title: \"one\", status: DRAFT}) { id } }", "da2-test"))
                    .doesNotContain("errors");
            assertThat(connection.next().get("type").asText()).isEqualTo("data");
            assertThat(post(server, "mutation { updatePost(input: {id: \"p1\", title: \"stale\", _version: 7}) { id } }",
                    "da2-test")).contains("ConflictUnhandled");
            assertThat(post(server, "query { syncPosts { items { id } } }", "da2-test")).doesNotContain("errors");
            assertThat(post(server, "subscription { onCreatePost { id } }", "da2-test")).as("refused: not by POST")
                    .contains("\"errorType\":\"BadRequest\"");
            assertThat(post(server, "{\"query\": ", null)).as("not JSON: 400").contains("MalformedHttpRequestException");
            assertThat(http.send(HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                    .header("origin", "https://elsewhere.example").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("a page of another origin").isEqualTo(403);

            Map<String, String> metrics = metrics(server);
            assertThat(metrics).containsEntry("datastore4j_operations_total{model=\"Post\",operation=\"create\",outcome=\"ok\"}", "1")
                    .containsEntry("datastore4j_operations_total{model=\"Post\",operation=\"update\",outcome=\"ConflictUnhandled\"}", "1")
                    .containsEntry("datastore4j_operations_total{model=\"Post\",operation=\"sync\",outcome=\"ok\"}", "1")
                    .containsEntry("datastore4j_operations_total{model=\"Post\",operation=\"subscribe\",outcome=\"ok\"}", "1")
                    .containsEntry("datastore4j_operations_total{model=\"Post\",operation=\"subscribe\",outcome=\"BadRequest\"}", "1")
                    .containsEntry("datastore4j_operation_seconds_count{model=\"Post\",operation=\"update\"}", "1")
                    .containsEntry("datastore4j_http_requests_total{code=\"200\"}", "4")
                    .containsEntry("datastore4j_http_requests_total{code=\"400\"}", "1")
                    .containsEntry("datastore4j_http_request_seconds_count", "5")
                    .containsEntry("datastore4j_http_origin_refused_total", "1")
                    .containsEntry("datastore4j_realtime_connections", "1")
                    .containsEntry("datastore4j_realtime_subscriptions", "1")
                    .containsEntry("datastore4j_realtime_records_total", "1")
                    .containsEntry("datastore4j_realtime_starts_refused_total{reason=\"BadRequest\"}", "1")
                    .containsEntry("datastore4j_realtime_starts_refused_total{reason=\"ValidationError\"}", "1")
                    .containsEntry("datastore4j_realtime_slow_readers_cut_total", "0")
                    .containsEntry("datastore4j_database_writes_waiting", "0")
                    .containsEntry("datastore4j_database_reads_waiting", "0")
                    .containsKey("datastore4j_database_reads_running")
                    .containsKeys("jvm_memory_heap_used_bytes", "jvm_threads_live", "process_start_time_seconds")
                    .doesNotContainKey("datastore4j_operations_total{model=\"Blog\",operation=\"create\",outcome=\"ok\"}");
            assertThat(Double.parseDouble(metrics.get("datastore4j_operation_seconds_sum{model=\"Post\",operation=\"create\"}")))
                    .isPositive().isLessThan(10);
            assertThat(Double.parseDouble(metrics.get("process_start_time_seconds")) * 1000)
                    .isLessThan(System.currentTimeMillis());

            connection.socket.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!metrics(server).get("datastore4j_realtime_connections").equals("0") && System.nanoTime() < until) {
                Thread.onSpinWait(); // the server hears of the close on its own thread
            }
            assertThat(metrics(server)).containsEntry("datastore4j_realtime_connections", "0")
                    .containsEntry("datastore4j_realtime_subscriptions", "0");
        }
    }

    @Test
    void theTextIsPrometheusTextFormatAndNeedsNoCredentials() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("server.db"))
                .apiKey("da2-test").metrics(true).start()) {
            HttpResponse<String> response = get(server, "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            String family = null;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("# HELP ")) {
                    family = line.split(" ")[2];
                } else if (line.startsWith("# TYPE ")) {
                    assertThat(line.split(" ")[2]).isEqualTo(family);
                    assertThat(line.split(" ")[3]).isIn("counter", "gauge", "summary");
                } else {
                    Matcher sample = SAMPLE.matcher(line);
                    assertThat(sample.matches()).as("a sample: %s", line).isTrue();
                    assertThat(sample.group(1)).startsWith(family);
                    Double.parseDouble(sample.group(2));
                }
            }
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri(server, "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aServerNotToldToServesNone() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("server.db")).start()) {
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
        }
    }

    /** The answer to {@code query}; with no API key, {@code text} is sent as the body as it is. */
    private String post(SyncServer server, String text, String apiKey) throws Exception {
        String body = apiKey == null ? text : ProtocolTest.JSON.createObjectNode().put("query", text).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json");
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpResponse<String> get(SyncServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(SyncServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Each sample of {@code GET /metrics}: its name with its labels, and its value. */
    private Map<String, String> metrics(SyncServer server) throws Exception {
        HttpResponse<String> response = get(server, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                samples.put(sample.group(1), sample.group(2));
            }
        }
        return samples;
    }
}
