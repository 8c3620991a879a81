package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests from web pages, which browsers mark with an {@code Origin} header, over real HTTP and
 * WebSocket: a page of another site can neither write to a server (a cross-site POST is sent
 * without asking) nor read it through the real-time channel, unless its origin was allowed;
 * pages of an allowed origin get CORS. Clients that send no {@code Origin} are served as before.
 */
class WebOriginsTest {
    private static final String CREATE = "{\"query\":\"mutation { createPost(input: {title: \\\"from a page\\\","
            + " status: DRAFT}) { id } }\"}";
    private static final String LIST = "{\"query\":\"{ listPosts { items { title } } }\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private HttpResponse<String> send(SyncServer server, String method, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return ProtocolTest.JSON.readTree(response.body());
    }

    @Test
    void aPageOfAnotherSiteCannotWriteToAServerWithoutAuth() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db")).start()) {
            // What a page's fetch(..., {mode: "no-cors", body}) sends: text/plain needs no preflight.
            HttpResponse<String> simple = send(server, "POST", CREATE, "origin", "https://evil.example",
                    "content-type", "text/plain;charset=UTF-8");
            assertThat(simple.statusCode()).isEqualTo(403);
            assertThat(json(simple).at("/errors/0/message").asText()).isEqualTo("this server does not take requests from"
                    + " web pages of https://evil.example; allow the origin where the server starts (datastore4j serve"
                    + " --allow-origin https://evil.example)");
            assertThat(simple.headers().firstValue("access-control-allow-origin")).isEmpty();
            HttpResponse<String> fromAFile = send(server, "POST", LIST, "origin", "null", "content-type", "application/json");
            assertThat(fromAFile.statusCode()).isEqualTo(403);
            assertThat(json(fromAFile).at("/errors/0/message").asText()).contains("a page opened from a file, or in a"
                    + " sandboxed frame, has no origin to allow: serve the page from a web server");
            assertThat(send(server, "POST", CREATE, "origin", "https://evil.example", "content-type", "application/json")
                    .statusCode()).isEqualTo(403);
            HttpResponse<String> preflight = send(server, "OPTIONS", null, "origin", "https://evil.example",
                    "access-control-request-method", "POST", "access-control-request-headers", "content-type");
            assertThat(preflight.statusCode()).isEqualTo(403);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).isEmpty();

            // Without an Origin, a body that is not sent as JSON is refused too: a browser that sends
            // no Origin on a cross-site form post (an old one) would otherwise get through.
            for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
                HttpResponse<String> form = send(server, "POST", CREATE, "content-type", type);
                assertThat(form.statusCode()).as(type).isEqualTo(415);
                assertThat(json(form).at("/errors/0/message").asText())
                        .isEqualTo("send the body as JSON, with Content-Type: application/json (this request's: " + type + ")");
            }
            assertThat(json(send(server, "POST", CREATE)).at("/errors/0/message").asText()).endsWith("(this request's: none)");
            assertThat(json(send(server, "POST", LIST, "content-type", "application/json")).at("/data/listPosts/items"))
                    .as("nothing was written").isEmpty();

            // Apps and other clients send no Origin, and JSON with or without its charset.
            assertThat(send(server, "POST", CREATE, "content-type", "Application/JSON; charset=utf-8").statusCode())
                    .isEqualTo(200);
            assertThat(json(send(server, "POST", LIST, "content-type", "application/json")).at("/data/listPosts/items"))
                    .hasSize(1);
        }
    }

    @Test
    void aPageOfAnotherSiteCannotOpenTheRealTimeChannel() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db")).start()) {
            assertThatThrownBy(() -> openRealtime(server, "https://evil.example"))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
            openRealtime(server, null).abort(); // an app's connection, without Origin
        }
    }

    @Test
    void pagesOfAnAllowedOriginGetCors() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db"))
                .apiKey("da2-test").allowOrigins(List.of("http://localhost:3000", "https://app.example.com")).start()) {
            HttpResponse<String> preflight = send(server, "OPTIONS", null, "origin", "http://localhost:3000",
                    "access-control-request-method", "POST", "access-control-request-headers", "content-type,x-api-key");
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("http://localhost:3000");
            assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValue("POST");
            assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow().toLowerCase())
                    .contains("content-type", "x-api-key", "authorization", "x-amz-user-agent");
            assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("86400");

            HttpResponse<String> listed = send(server, "POST", LIST, "origin", "https://app.example.com",
                    "content-type", "application/json", "x-api-key", "da2-test"); // the key passes Post's public read rule
            assertThat(json(listed).at("/data/listPosts/items").isArray()).isTrue();
            assertThat(listed.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
            HttpResponse<String> noKey = send(server, "POST", LIST, "origin", "http://localhost:3000",
                    "content-type", "application/json");
            assertThat(noKey.statusCode()).isEqualTo(401);
            assertThat(noKey.headers().firstValue("access-control-allow-origin"))
                    .as("the page can read why it was refused").hasValue("http://localhost:3000");

            // Names only: a dot in an allowed origin is not a wildcard, nor is a port left out.
            for (String other : new String[] {"https://appxexample.com", "http://localhost:3001", "http://localhost",
                    "https://app.example.com.evil.example"}) {
                assertThat(send(server, "POST", LIST, "origin", other, "content-type", "application/json",
                        "x-api-key", "da2-test").statusCode()).as(other).isEqualTo(403);
            }
            openRealtime(server, "http://localhost:3000").abort();
            String own = "http://127.0.0.1:" + server.port(); // the server's own, beside the allowed ones
            assertThat(send(server, "POST", LIST, "origin", own, "content-type", "application/json", "x-api-key", "da2-test")
                    .statusCode()).isEqualTo(200);
            openRealtime(server, own).abort();
        }
    }

    /**
     * Some WebSocket libraries (React Native's, say) send the server's own origin: taken, unless a
     * web site may have sent it under its own name by DNS rebinding (a name pointed at 127.0.0.1
     * after the page loaded), where the server takes requests without credentials.
     */
    @Test
    void theServersOwnOriginIsTakenWhereNoWebSiteCanHaveSentIt() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db")).start()) {
            String own = "http://127.0.0.1:" + server.port();
            assertThat(send(server, "POST", LIST, "origin", own, "content-type", "application/json").statusCode()).isEqualTo(200);
            openRealtime(server, own).abort();
            assertThat(statusWithHost(server, "localhost:" + server.port(), "http://localhost:" + server.port())).isEqualTo(200);
            assertThat(statusWithHost(server, "app.localhost:" + server.port(), "http://app.localhost:" + server.port()))
                    .isEqualTo(200);
            assertThat(statusWithHost(server, "[::1]:" + server.port(), "http://[::1]:" + server.port())).isEqualTo(200);
            assertThat(statusWithHost(server, "evil.example:" + server.port(), "http://evil.example:" + server.port()))
                    .as("a rebound name").isEqualTo(403);
            assertThat(send(server, "POST", LIST, "origin", "http://127.0.0.1:3000", "content-type", "application/json")
                    .statusCode()).as("another port is another origin").isEqualTo(403);
        }
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("auth.db"))
                .apiKey("da2-test").start()) {
            // behind a TLS proxy under the server's public name: a rebound page would have no key
            assertThat(statusWithHost(server, "sync.example.com", "https://sync.example.com", "x-api-key", "da2-test"))
                    .isEqualTo(200);
        }
    }

    /** The status of listPosts sent over a plain socket, which may name any Host. */
    private static int statusWithHost(SyncServer server, String host, String origin, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            StringBuilder request = new StringBuilder("POST /graphql HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + LIST.getBytes(StandardCharsets.UTF_8).length + "\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").append(LIST).toString().getBytes(StandardCharsets.UTF_8));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aStarAllowsEveryOrigin() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("s.db"))
                .allowOrigins(List.of("*")).start()) {
            HttpResponse<String> response = send(server, "POST", LIST, "origin", "https://any.example",
                    "content-type", "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("https://any.example");
            assertThat(server.allowedOrigins()).containsExactly("*");
        }
    }

    @Test
    void originsAreCheckedAndWrittenAsBrowsersSendThem() {
        SyncServer.Builder builder = SyncServer.builder(ProtocolTest.BLOG);
        for (String wrong : new String[] {"localhost:3000", "http://localhost:3000/app", "http://", "*.example.com", "null"}) {
            assertThatThrownBy(() -> builder.allowOrigins(List.of(wrong))).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a web origin: '" + wrong + "'; an origin is a scheme, a host and maybe a port, such as"
                            + " http://localhost:3000 or https://app.example.com, or * for any");
        }
        assertThat(WebOrigins.normalize(List.of(" HTTP://LocalHost:3000/", "capacitor://localhost", "http://localhost:3000")))
                .containsExactly("http://localhost:3000", "capacitor://localhost");
    }

    /** Opens the real-time channel (API key in the query, as Amplify sends it) from a page of {@code origin} (null: none). */
    private static WebSocket openRealtime(SyncServer server, String origin) throws Exception {
        return RealtimeTest.connect(server, false, "{\"host\":\"127.0.0.1\",\"x-api-key\":\"da2-test\"}", origin).socket;
    }
}
