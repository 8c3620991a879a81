package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Jetty answers itself (a path not served, a URI it cannot read, headers too large, a
 * refused real-time handshake) comes in the server's JSON error form, as every other answer does,
 * not as an HTML page; requests sent as written, over a raw socket.
 */
class JsonErrorsTest {
    @TempDir
    Path temp;

    private SyncServer server;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("server.db")).apiKey("k").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The status code, a space and the body of the answer to {@code request}. */
    private String send(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return AuthTest.statusAndBody(new BufferedInputStream(socket.getInputStream()));
        }
    }

    @Test
    void aPathNotServedNamesThoseThatAre() throws Exception {
        assertThat(send("GET /api/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).isEqualTo("404 {\"errors\":[{\"errorType\":"
                + "\"NotFound\",\"message\":\"nothing is served at /api/graphql; the API is POST /graphql, real time is at"
                + " /graphql/realtime, health at GET /health\"}]}");
    }

    @Test
    void requestsJettyCannotReadAreAnsweredInJson() throws Exception {
        assertThat(send("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                .isEqualTo("400 {\"errors\":[{\"errorType\":\"BadRequest\",\"message\":\"Bad Request\"}]}");
        assertThat(send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"))
                .isEqualTo("431 {\"errors\":[{\"errorType\":\"BadRequest\",\"message\":\"Request Header Fields Too Large\"}]}");
    }

    @Test
    void aRefusedRealTimeHandshakeSaysWhy() throws Exception {
        assertThat(send("GET /graphql/realtime HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Protocol: graphql-ws\r\n\r\n")).isEqualTo("401 {\"errors\":[{\"errorType\":"
                + "\"UnauthorizedException\",\"message\":\"the connection carries no auth header\"}]}");
    }
}
