package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real-time subscriber that stops reading: its connection is cut once more than the server's
 * cap waits to be sent to it, instead of the server queueing its messages without bound. The
 * client is a plain socket (a WebSocket handshake and two frames by hand), so that nothing reads
 * on its behalf; it is bounded to a few hundred mutations of 64 KB.
 */
class SlowSubscriberTest {
    @TempDir
    Path temp;

    @Test
    void aSubscriberThatStopsReadingIsCutOffAtTheCap() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("server.db"))
                .maxUnsentBytes(256 * 1024).start();
                Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // before connecting, so that little is read on its behalf
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String header = Base64.getEncoder().encodeToString("{\"x-api-key\":\"k\"}".getBytes(StandardCharsets.UTF_8));
            out.write(("GET /graphql/realtime?header=" + header + "&payload=e30= HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readLine(in)).startsWith("HTTP/1.1 101");
            while (!readLine(in).isEmpty()) {
                // the rest of the handshake's headers
            }
            sendText(out, "{\"type\":\"connection_init\"}");
            sendText(out, ProtocolTest.JSON.writeValueAsString(RealtimeTest.start("s",
                    "subscription { onCreatePost { id title } }", Map.of())));
            socket.setSoTimeout(10_000);
            while (!readText(in).contains("\"start_ack\"")) {
                // connection_ack first; once the start is acknowledged, nothing more is read
            }

            String title = "x".repeat(64 * 1024);
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 300; i++) {
                int n = i;
                writers.execute(() -> {
                    try {
                        client.graphql("mutation m($t: String!) { createPost(input: {id: \"p" + n + "\", title: $t,"
                                + " status: DRAFT}) { id } }", Map.of("t", title));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            // the server cut the connection: reading what it sent ends (end of stream or a reset) instead of waiting
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            boolean cut = false;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    read += n;
                }
                cut = true;
            } catch (SocketTimeoutException e) {
                cut = false; // still open, with nothing more to send
            } catch (IOException e) {
                cut = true; // reset
            }
            assertThat(cut).as("connection cut after %d bytes", read).isTrue();
            assertThat(read).as("far less than the 19 MB of changes").isLessThan(12L * 1024 * 1024);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The payload of the next frame the server sends (unmasked, and small while the test reads). */
    private static String readText(InputStream in) throws IOException {
        in.read(); // FIN and opcode
        long length = in.read() & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
    }

    /** One masked text frame, as a client sends it. */
    private static void sendText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }
}
