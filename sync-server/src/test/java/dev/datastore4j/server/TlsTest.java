package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS and WSS from a PKCS#12 key store: Amplify's JavaScript client connects to the real-time
 * endpoint over {@code wss://} only. The key store is made by the JDK's own {@code keytool}, for
 * 127.0.0.1; the clients trust exactly its certificate.
 */
class TlsTest {
    private static final String PASSWORD = "test-keystore-password";

    @TempDir
    static Path keys;

    @TempDir
    Path temp;

    private static Path keyStore;
    private static HttpClient trusting;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        trusting = HttpClient.newBuilder().sslContext(context).build();
    }

    @Test
    void mutationsAndSubscriptionsGoOverTls() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("tls.db"))
                .tls(keyStore, PASSWORD).start()) {
            assertThat(server.endpoint().toString()).startsWith("https://127.0.0.1:");
            RealtimeTest.Connection connection = RealtimeTest.connect(trusting, server, true,
                    "{\"host\":\"127.0.0.1\"}", null);
            connection.send(RealtimeTest.start("s", "subscription { onCreatePost { id title } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            HttpResponse<String> created = trusting.send(HttpRequest.newBuilder(server.endpoint())
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ProtocolTest.JSON.createObjectNode().put("query",
                            "mutation { createPost(input: {id: \"p\", title: \"secure\", status: DRAFT}) { id } }").toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.body()).isEqualTo("{\"data\":{\"createPost\":{\"id\":\"p\"}}}");
            assertThat(connection.next().get("payload").get("data").get("onCreatePost").toString())
                    .isEqualTo("{\"id\":\"p\",\"title\":\"secure\"}");
            // a client that does not trust the certificate gets no further than the handshake
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aKeyStoreThatCannotBeReadStopsTheStart() throws Exception {
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("wrong.db"))
                .tls(keyStore, "not-the-password").start()).isInstanceOf(ServerStartException.class)
                .hasMessage("cannot read the TLS key store " + keyStore + " (PKCS#12): wrong password");
        Path missing = temp.resolve("missing.p12");
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("missing.db"))
                .tls(missing, PASSWORD).start()).isInstanceOf(ServerStartException.class)
                .hasMessage("cannot read the TLS key store " + missing + " (PKCS#12): no such file");
        Path notOne = Files.writeString(temp.resolve("not-one.p12"), "a PEM file, say\n");
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("not-one.db"))
                .tls(notOne, PASSWORD).start()).isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("cannot read the TLS key store " + notOne + " (PKCS#12): not a PKCS#12 key store,"
                        + " or a damaged one");
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).tls(keyStore, null))
                .hasMessage("the TLS key store " + keyStore + " needs its password");
        assertThat(List.of(temp.resolve("wrong.db"), temp.resolve("missing.db"), temp.resolve("not-one.db")))
                .allSatisfy(db -> assertThat(db).doesNotExist());
    }
}
