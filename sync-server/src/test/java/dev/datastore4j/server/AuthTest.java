package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @auth} enforced over HTTP for API keys and HS256 JWTs: owner, static and dynamic groups,
 * private and public rules, per-operation lists, across create, get, list, sync, update and delete.
 */
class AuthTest {
    static final String SECRET = "test-secret-of-enough-length-for-hs256";
    static final String API_KEY = "da2-test-key";
    static final Schema TODO_SCHEMA = Codegen.compile(List.of(Path.of("..", "test-schemas", "schemas", "valid", "todo.graphql")))
            .schema().orElseThrow();

    @TempDir
    Path temp;

    private SyncServer blog;
    private SyncServer todo;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        blog = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("blog.db")).apiKey(API_KEY)
                .jwtSecret(SECRET).start();
        todo = SyncServer.builder(TODO_SCHEMA).port(0).database(temp.resolve("todo.db")).apiKey(API_KEY).jwtSecret(SECRET).start();
    }

    @AfterEach
    void stop() {
        blog.close();
        todo.close();
    }

    static String jwt(String sub, String username, List<String> groups) throws Exception {
        ObjectNode claims = ProtocolTest.JSON.createObjectNode().put("sub", sub).put("cognito:username", username)
                .put("exp", System.currentTimeMillis() / 1000 + 3600);
        claims.set("cognito:groups", ProtocolTest.JSON.valueToTree(groups));
        return signed(claims);
    }

    /** An HS256 token with {@code claims}, signed with the servers' secret. */
    static String signed(ObjectNode claims) throws Exception {
        return signed(claims, SECRET);
    }

    /** An HS256 token with {@code claims}, signed with {@code secret}. */
    static String signed(ObjectNode claims, String secret) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + base64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private record Caller(String header, String value) {}

    private static final Caller ANA = caller("ana-sub", "ana", List.of());
    private static final Caller BOB = caller("bob-sub", "bob", List.of());
    private static final Caller ADMIN = caller("root-sub", "root", List.of("Admin"));
    private static final Caller SUPPORT = caller("help-sub", "helper", List.of("Support"));
    private static final Caller KEY = new Caller("x-api-key", API_KEY);

    private static Caller caller(String sub, String username, List<String> groups) {
        try {
            return new Caller("Authorization", jwt(sub, username, groups));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> raw(SyncServer server, Caller caller, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProtocolTest.JSON.createObjectNode().put("query", query).toString()));
        if (caller != null) {
            request.header(caller.header(), caller.value());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(SyncServer server, Caller caller, String query) throws Exception {
        return ProtocolTest.JSON.readTree(raw(server, caller, query).body());
    }

    private static String errorType(JsonNode response) {
        return response.has("errors") ? response.get("errors").get(0).get("errorType").asText() : "none";
    }

    @Test
    void requestsWithoutValidCredentialsAreRejected() throws Exception {
        assertThat(raw(blog, null, "{ listPosts { items { id } } }").statusCode()).isEqualTo(401);
        assertThat(raw(blog, new Caller("x-api-key", "wrong"), "{ listPosts { items { id } } }").statusCode()).isEqualTo(401);
        String valid = jwt("ana-sub", "ana", List.of());
        // change the signature's first character: all its 6 bits are signature bits (the last one's low bits are padding)
        int signature = valid.lastIndexOf('.') + 1;
        String forged = valid.substring(0, signature) + (valid.charAt(signature) == 'A' ? 'B' : 'A')
                + valid.substring(signature + 1);
        JsonNode response = call(blog, new Caller("Authorization", forged), "{ listPosts { items { id } } }");
        assertThat(response.get("errors").get(0).get("errorType").asText()).isEqualTo("UnauthorizedException");
    }

    /** Several API keys at once, as AppSync takes them: an app's builds in the world keep the old key while new ones carry the next. */
    @Test
    void severalApiKeysAreTakenAtOnce() throws Exception {
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("keys.db"))
                .apiKeys(List.of("da2-old", "da2-new")).start()) {
            assertThat(server.authModes()).isEqualTo("API keys (2)");
            for (String key : List.of("da2-old", "da2-new")) {
                assertThat(raw(server, new Caller("x-api-key", key), "{ listPosts { items { id } } }").statusCode()).isEqualTo(200);
            }
            assertThat(raw(server, new Caller("x-api-key", "da2-other"), "{ listPosts { items { id } } }").statusCode())
                    .isEqualTo(401);
            assertThat(raw(server, new Caller("x-api-key", "da2-old,da2-new"), "{ listPosts { items { id } } }").statusCode())
                    .isEqualTo(401);
        }
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).apiKeys(List.of("da2-key", "")))
                .hasMessageStartingWith("the API key is empty");
    }

    /**
     * Keys kept in a file are read again when it changes: a key added is taken and a key withdrawn
     * (one that leaked, say) refused without a restart, while the keys given as options stay; a
     * file rewritten with no key leaves those read before in use, and one that cannot be used at
     * start is an error that says why.
     */
    @Test
    void anApiKeysFileIsReadAgainWhenItChanges() throws Exception {
        Path file = Files.writeString(temp.resolve("api-keys"), "# the app's keys\nda2-first\n\n");
        String query = "{ listPosts { items { id } } }";
        Caller first = new Caller("x-api-key", "da2-first");
        Caller second = new Caller("x-api-key", "da2-second");
        Caller fixed = new Caller("x-api-key", "da2-fixed");
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("keys-file.db"))
                .apiKey("da2-fixed").apiKeysFile(file).start()) {
            assertThat(server.authModes()).isEqualTo("API keys (2)");
            assertThat(raw(server, first, query).statusCode()).isEqualTo(200);
            assertThat(raw(server, fixed, query).statusCode()).isEqualTo(200);
            assertThat(raw(server, second, query).statusCode()).as("before the file holds it").isEqualTo(401);
            assertThat(raw(server, new Caller("x-api-key", "# the app's keys"), query).statusCode()).isEqualTo(401);

            rewrite(file, "da2-first\n  da2-second  \n", 2_000);
            assertThat(statusWithin(server, second, query, 200)).as("once the file holds it").isEqualTo(200);
            assertThat(raw(server, first, query).statusCode()).isEqualTo(200);

            rewrite(file, "da2-second\n", 4_000);
            assertThat(statusWithin(server, first, query, 401)).as("withdrawn").isEqualTo(401);
            assertThat(raw(server, second, query).statusCode()).isEqualTo(200);
            assertThat(raw(server, fixed, query).statusCode()).isEqualTo(200);

            // replaced by a rename, as tools write files whole: the same size and time, another file
            Path next = Files.writeString(temp.resolve("api-keys.next"), "da2-thirty\n");
            Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Caller third = new Caller("x-api-key", "da2-thirty");
            assertThat(statusWithin(server, third, query, 200)).as("the renamed file's key").isEqualTo(200);
            assertThat(raw(server, second, query).statusCode()).isEqualTo(401);

            rewrite(file, "# none for now\n", 6_000);
            awaitWarning(server, third, query, "no API keys in the API keys file");
            assertThat(raw(server, fixed, query).statusCode()).isEqualTo(200);
            assertThat(raw(server, third, query).statusCode()).as("the keys read before stay").isEqualTo(200);
        }
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("empty.db"))
                .apiKeysFile(file).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no API keys in the API keys file " + file
                        + " (one a line; blank lines and lines beginning with # are skipped)");
        Path missing = temp.resolve("no-such-keys");
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("missing.db"))
                .apiKeysFile(missing).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the API keys file " + missing + ": no such file");
    }

    /**
     * HS256 secrets kept in a file are read again when it changes: tokens signed with a secret
     * added are taken and those signed with one withdrawn refused, without a restart; a file
     * rewritten with a secret too short to sign with leaves the secrets read before in use, and
     * at start it is an error naming the line.
     */
    @Test
    void aJwtSecretsFileIsReadAgainWhenItChanges() throws Exception {
        String first = "the first secret, 32 bytes or more";
        String second = "its successor, also of 32 bytes or more";
        Path file = Files.writeString(temp.resolve("jwt-secrets"), "# HS256\n" + first + "\n");
        ObjectNode claims = ProtocolTest.JSON.createObjectNode().put("sub", "ana-sub").put("cognito:username", "ana")
                .put("exp", System.currentTimeMillis() / 1000 + 3600);
        Caller old = new Caller("Authorization", signed(claims, first));
        Caller next = new Caller("Authorization", signed(claims, second));
        String query = "{ listPosts { items { id } } }";
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("secrets-file.db"))
                .jwtSecretsFile(file).start()) {
            assertThat(server.authModes()).isEqualTo("JWT (HS256)");
            assertThat(raw(server, old, query).statusCode()).isEqualTo(200);
            assertThat(raw(server, next, query).statusCode()).as("before the file holds it").isEqualTo(401);

            rewrite(file, first + "\n" + second + "\n", 2_000);
            assertThat(statusWithin(server, next, query, 200)).as("once the file holds it").isEqualTo(200);
            assertThat(raw(server, old, query).statusCode()).isEqualTo(200);
            assertThat(server.authModes()).isEqualTo("JWT (HS256, 2 secrets)");

            rewrite(file, second + "\n", 4_000);
            assertThat(statusWithin(server, old, query, 401)).as("withdrawn").isEqualTo(401);

            rewrite(file, second + "\nshort\n", 6_000);
            awaitWarning(server, next, query, "line 2: the JWT secret has 5 bytes");
            assertThat(raw(server, next, query).statusCode()).as("the secrets read before stay").isEqualTo(200);
        }
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("short.db"))
                .jwtSecretsFile(file).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the JWT secrets file " + file + ", line 2: the JWT secret has 5 bytes; HS256 needs"
                        + " at least 32");
    }

    /** Writes {@code contents} to {@code file} and marks it modified {@code aheadMillis} from now: a change, however coarse the file system's clock. */
    private static void rewrite(Path file, String contents, long aheadMillis) throws IOException {
        Files.writeString(file, contents);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + aheadMillis));
    }

    /**
     * Credentials that would let in more than meant are refused where the server is built: an
     * empty API key (what an empty environment variable gives) would pass every request with an
     * empty {@code x-api-key} header, and a short HS256 secret can be found by trying.
     */
    @Test
    void credentialsThatProtectNothingAreRefused() {
        SyncServer.Builder builder = SyncServer.builder(ProtocolTest.BLOG);
        assertThatThrownBy(() -> builder.apiKey("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the API key is empty: a request with an empty x-api-key header would pass;"
                        + " give a key, or none for no API key auth");
        assertThatThrownBy(() -> builder.apiKey("  ")).hasMessageStartingWith("the API key is empty");
        assertThatThrownBy(() -> builder.apiKey(" da2-key\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the API key begins or ends with white space, which HTTP drops from header values,"
                        + " so no request could carry it");
        assertThatThrownBy(() -> builder.jwtSecret("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the JWT secret has 0 bytes; HS256 needs at least 32 (256 bits, RFC 7518), such as the"
                        + " output of openssl rand -base64 32");
        assertThatThrownBy(() -> builder.jwtSecret("é".repeat(15) + "x")).hasMessageStartingWith("the JWT secret has 31 bytes");
        builder.apiKey("k").apiKey(null).jwtSecret("é".repeat(16)).jwtSecret(null); // a key of one character, 32 bytes, none
    }

    /**
     * A token is good from its nbf (not before) to its exp (expires): epoch seconds, as in RFC 7519.
     * An nbf less than a minute ahead is taken for the issuer's clock running fast. A token must
     * have an exp: one without would never stop being taken.
     */
    @Test
    void aTokenIsAcceptedOnlyWithinItsTimes() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("{\"exp\": " + (now - 5) + "}", "the token has expired");
        expected.put("{\"exp\": " + (now + 3600) + ", \"nbf\": " + (now + 600) + "}", "the token is not valid yet");
        expected.put("{\"exp\": " + (now + 3600) + ", \"nbf\": " + (now - 5) + "}", null);
        expected.put("{\"exp\": " + (now + 3600) + ", \"nbf\": " + (now + 30) + "}", null);
        // times so far off that they are past a long's range in milliseconds
        expected.put("{\"exp\": " + (now + 3600) + ", \"nbf\": 9300000000000000}", "the token is not valid yet");
        expected.put("{\"exp\": 9300000000000000}", null);
        expected.put("{}", "the token has no expiry");
        expected.put("{\"nbf\": " + (now - 5) + "}", "the token has no expiry");
        expected.put("{\"exp\": \"" + (now + 3600) + "\"}", "the token has no expiry");
        expected.put("{\"exp\": null}", "the token has no expiry");
        for (Map.Entry<String, String> token : expected.entrySet()) {
            ObjectNode claims = ((ObjectNode) ProtocolTest.JSON.readTree(token.getKey())).put("sub", "ana-sub")
                    .put("cognito:username", "ana");
            JsonNode response = call(blog, new Caller("Authorization", signed(claims)), "{ listPosts { items { id } } }");
            if (token.getValue() == null) {
                assertThat(errorType(response)).as(token.getKey()).isEqualTo("none");
            } else {
                assertThat(errorType(response)).as(token.getKey()).isEqualTo("UnauthorizedException");
                assertThat(response.toString()).contains(token.getValue());
            }
        }
    }

    /**
     * Signing keys are shared far wider than one app (an identity provider signs every app's
     * tokens with its JWKS), so a server may take only tokens of one issuer and for its own
     * client ids: in {@code aud}, a string or a list, or in a Cognito access token's
     * {@code client_id}.
     */
    @Test
    void tokensOfAnotherIssuerOrAppAreRefusedWhenTheServerNamesItsOwn() throws Exception {
        String issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool";
        long exp = System.currentTimeMillis() / 1000 + 3600;
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("{\"iss\": \"" + issuer + "\", \"aud\": \"app-1\"}", null);
        expected.put("{\"iss\": \"" + issuer + "\", \"aud\": [\"other\", \"app-2\"]}", null);
        expected.put("{\"iss\": \"" + issuer + "\", \"client_id\": \"app-1\", \"token_use\": \"access\"}", null);
        expected.put("{\"iss\": \"" + issuer + "\", \"aud\": \"someone-elses-app\"}", "the token is for another app");
        expected.put("{\"iss\": \"" + issuer + "\", \"aud\": [\"other\"]}", "the token is for another app");
        expected.put("{\"iss\": \"" + issuer + "\"}", "the token is for another app");
        expected.put("{\"iss\": \"" + issuer + "\", \"aud\": [[\"app-1\"]]}", "the token is for another app");
        expected.put("{\"iss\": \"https://evil.example\", \"aud\": \"app-1\"}", "the token's issuer is not the one");
        expected.put("{\"aud\": \"app-1\"}", "the token's issuer is not the one");
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("scoped.db"))
                .jwtSecret(SECRET).jwtIssuer(issuer).jwtAudiences(List.of("app-1", "app-2")).start()) {
            assertThat(server.authModes()).isEqualTo("JWT (HS256), tokens of issuer " + issuer + ", tokens for app-1 or app-2");
            for (Map.Entry<String, String> token : expected.entrySet()) {
                ObjectNode claims = ((ObjectNode) ProtocolTest.JSON.readTree(token.getKey())).put("sub", "ana-sub")
                        .put("cognito:username", "ana").put("exp", exp);
                JsonNode response = call(server, new Caller("Authorization", signed(claims)), "{ listPosts { items { id } } }");
                if (token.getValue() == null) {
                    assertThat(errorType(response)).as(token.getKey()).isEqualTo("none");
                } else {
                    assertThat(errorType(response)).as(token.getKey()).isEqualTo("UnauthorizedException");
                    assertThat(response.toString()).as(token.getKey()).contains(token.getValue());
                }
            }
        }
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("unchecked.db"))
                .apiKey(API_KEY).jwtIssuer(issuer).start())
                .hasMessage("a JWT issuer or audience is given, but no JWT secret or JWKS to check tokens with");
        assertThat(temp.resolve("unchecked.db")).doesNotExist();
    }

    /**
     * A refused request leaves its keep-alive connection usable, even when its body arrives after
     * the headers: the server answered 401 on the headers alone and then closed the connection,
     * so a client's next request on it failed ("header parser received no bytes" in the JDK's
     * client, now and then). Here the body comes 200 ms after the headers, then a good request.
     */
    @Test
    void aRefusedRequestLeavesItsConnectionUsable() throws Exception {
        byte[] body = "{\"query\":\"{ listPosts { items { id } } }\"}".getBytes(StandardCharsets.UTF_8);
        String headers = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", blog.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200); // the body is late, as a client's may be
            out.write(body);
            out.write((headers + "x-api-key: " + API_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(statusAndBody(in)).startsWith("401 ");
            assertThat(statusAndBody(in)).isEqualTo("200 {\"data\":{\"listPosts\":{\"items\":[]}}}");
        }
    }

    /**
     * Credentials are compared as sent, letter case included, on a connection that carried others:
     * Jetty keeps the fields of the headers it knows (Authorization, not x-api-key) that a
     * connection has sent and by default finds them again whatever their case, so a token differing
     * from the previous request's only in the case of a letter was read as that previous one (seen
     * as a tampered RS256 signature accepted, 3 times in 400). Both headers are checked here.
     */
    @Test
    void credentialsDifferingOnlyInLetterCaseAreRefusedOnTheSameConnection() throws Exception {
        byte[] body = "{\"query\":\"{ listPosts { items { id } } }\"}".getBytes(StandardCharsets.UTF_8);
        String token = ANA.value();
        int letter = token.lastIndexOf('.') + 1;
        while (!Character.isLetter(token.charAt(letter))) {
            letter++;
        }
        char flipped = token.charAt(letter);
        flipped = Character.isUpperCase(flipped) ? Character.toLowerCase(flipped) : Character.toUpperCase(flipped);
        String otherCase = token.substring(0, letter) + flipped + token.substring(letter + 1);
        List<String> credentials = List.of("x-api-key: " + API_KEY, "x-api-key: " + API_KEY.toUpperCase(Locale.ROOT),
                "Authorization: " + token, "Authorization: " + otherCase);
        try (Socket socket = new Socket("127.0.0.1", blog.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (String credential : credentials) {
                out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + credential
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            }
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < credentials.size(); i++) {
                statuses.add(statusAndBody(in).split(" ")[0]);
            }
            assertThat(statuses).containsExactly("200", "401", "200", "401");
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length: its status code, a space, its body. */
    static String statusAndBody(InputStream in) throws IOException {
        String status = line(in).split(" ")[1];
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        return status + " " + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new EOFException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void aSignatureHasOneSpelling() throws Exception {
        String valid = jwt("ana-sub", "ana", List.of());
        assertThat(errorType(call(blog, new Caller("Authorization", valid), "{ listPosts { items { id } } }"))).isEqualTo("none");
        // an HS256 signature is 32 bytes in 43 characters: the last character's 2 low bits are unused
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = valid.charAt(valid.length() - 1);
        String sameBytes = valid.substring(0, valid.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String padded = valid + "=";
        for (String token : List.of(sameBytes, padded)) {
            JsonNode response = call(blog, new Caller("Authorization", token), "{ listPosts { items { id } } }");
            assertThat(errorType(response)).as(token).isEqualTo("UnauthorizedException");
            assertThat(response.toString()).contains("canonical base64url");
        }
    }

    /**
     * An HS256 secret is replaced without turning away the users signed in with it: the server
     * takes tokens signed with the old secret and with its successor until the old one is dropped.
     */
    @Test
    void tokensOfEitherOfTwoSecretsAreTaken() throws Exception {
        String successor = "the-secret-that-replaces-the-test-secret";
        ObjectNode claims = ProtocolTest.JSON.createObjectNode().put("sub", "ana-sub").put("cognito:username", "ana")
                .put("exp", System.currentTimeMillis() / 1000 + 3600);
        String query = "mutation { createPost(input: {title: \"t\", status: DRAFT}) { owner } }";
        try (SyncServer both = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("both.db"))
                .jwtSecrets(List.of(SECRET, successor)).start()) {
            assertThat(both.authModes()).isEqualTo("JWT (HS256, 2 secrets)");
            for (String secret : List.of(SECRET, successor)) {
                JsonNode created = call(both, new Caller("Authorization", signed(claims, secret)), query);
                assertThat(created.at("/data/createPost/owner").asText()).as(secret).isEqualTo("ana-sub::ana");
            }
            JsonNode refused = call(both, new Caller("Authorization", signed(claims, "a-secret-of-neither-but-long-enough")), query);
            assertThat(errorType(refused)).isEqualTo("UnauthorizedException");
            assertThat(refused.toString()).contains("the token's signature is not valid");
        }
        try (SyncServer successorOnly = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("successor.db"))
                .jwtSecrets(List.of(SECRET, successor)).jwtSecret(successor).start()) { // the last call decides
            assertThat(successorOnly.authModes()).isEqualTo("JWT (HS256)");
            assertThat(raw(successorOnly, new Caller("Authorization", signed(claims, SECRET)), query).statusCode()).isEqualTo(401);
            assertThat(raw(successorOnly, new Caller("Authorization", signed(claims, successor)), query).statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> SyncServer.builder(ProtocolTest.BLOG).jwtSecrets(List.of(successor, "short")))
                .hasMessageStartingWith("the JWT secret has 5 bytes; HS256 needs at least 32");
    }

    @Test
    void rs256TokensAreCheckedAgainstTheJwks() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path file = Files.writeString(temp.resolve("jwks.json"), jwks(Map.of("k1", pair)));
        String token = rs256("k1", pair);
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("rs.db")).jwks(file).start()) {
            assertThat(server.authModes()).isEqualTo("JWT (RS256, 1 key)");
            JsonNode created = call(server, new Caller("Authorization", token),
                    "mutation { createPost(input: {title: \"t\", status: DRAFT}) { owner } }");
            assertThat(created.get("data").get("createPost").get("owner").asText()).isEqualTo("rsa-sub::rsa");
            // one character of the signature changed in its middle, where every bit counts
            int middle = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
            String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
            assertThat(raw(server, new Caller("Authorization", tampered), "{ listPosts { items { id } } }").statusCode())
                    .isEqualTo(401);
            assertThat(raw(server, ANA, "{ listPosts { items { id } } }").statusCode()).as("HS256 is not configured").isEqualTo(401);
        }
    }

    /**
     * An identity provider rotates its keys and the JWKS file is rewritten with the new one: tokens
     * signed with it are taken without a restart, and once the old key is withdrawn from the file,
     * tokens signed with that are refused; a file rewritten with garbage leaves the keys read before
     * in use.
     */
    @Test
    void aJwksFileRewrittenWithANewKeyIsReadAgain() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair first = generator.generateKeyPair();
        KeyPair second = generator.generateKeyPair();
        Path file = Files.writeString(temp.resolve("rotating.json"), jwks(Map.of("k1", first)));
        try (SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("rotating.db"))
                .jwks(file).start()) {
            String query = "{ listPosts { items { id } } }";
            Caller old = new Caller("Authorization", rs256("k1", first));
            Caller rotated = new Caller("Authorization", rs256("k2", second));
            assertThat(raw(server, old, query).statusCode()).isEqualTo(200);
            assertThat(raw(server, rotated, query).statusCode()).as("k2 before the file names it").isEqualTo(401);

            rewrite(file, jwks(Map.of("k1", first, "k2", second)), 2_000);
            assertThat(statusWithin(server, rotated, query, 200)).as("k2 once the file names it").isEqualTo(200);
            assertThat(raw(server, old, query).statusCode()).isEqualTo(200);

            rewrite(file, jwks(Map.of("k2", second)), 4_000);
            assertThat(statusWithin(server, old, query, 401)).as("k1 once withdrawn").isEqualTo(401);
            assertThat(raw(server, rotated, query).statusCode()).isEqualTo(200);

            rewrite(file, "{\"keys\": [{\"kty\": \"RSA\", \"kid\": \"k3\"", 6_000);
            Caller unknown = new Caller("Authorization", rs256("k3", generator.generateKeyPair()));
            awaitWarning(server, rotated, query, "the JWKS file " + file);
            assertThat(raw(server, unknown, query).statusCode()).isEqualTo(401);
            assertThat(raw(server, rotated, query).statusCode()).as("the keys read before stay").isEqualTo(200);
        }
    }

    /**
     * Asks {@code query} as {@code caller} every 100 ms (a request has the server look at its
     * files again, once a second at most) until the server warns, in its log, that a file it read
     * again holds {@code warning}, and the keys read before stay in use; fails after 10 s.
     */
    private void awaitWarning(SyncServer server, Caller caller, String query, String warning) throws Exception {
        Predicate<LogRecord> warned = record -> record.getLevel() == Level.WARNING && record.getMessage().contains(warning);
        try (LoggedRecords logged = LoggedRecords.of(WatchedFile.class)) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                raw(server, caller, query); // a request makes the server look at the file
                seen = logged.await(warned, 100);
            }
            assertThat(seen).as("a warning holding \"%s\" within 10 s", warning).isTrue();
        }
    }

    /** The status of {@code query} by {@code caller}, asked again every 100 ms until it is {@code wanted} or 10 s have passed. */
    private int statusWithin(SyncServer server, Caller caller, String query, int wanted) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        while ((status = raw(server, caller, query).statusCode()) != wanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return status;
    }

    /** A JWKS document of the public keys of {@code keys}, by key id. */
    static String jwks(Map<String, KeyPair> keys) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        ObjectNode jwks = ProtocolTest.JSON.createObjectNode();
        var array = jwks.putArray("keys");
        keys.forEach((kid, pair) -> {
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            array.addObject().put("kty", "RSA").put("kid", kid).put("alg", "RS256")
                    .put("n", base64.encodeToString(unsigned(key.getModulus().toByteArray())))
                    .put("e", base64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
        });
        return jwks.toString();
    }

    /** A token for user rsa for the next hour, signed with {@code pair}'s private key, naming {@code kid}. */
    static String rs256(String kid, KeyPair pair) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(("{\"sub\":\"rsa-sub\",\"cognito:username\":\"rsa\",\"exp\":"
                        + (System.currentTimeMillis() / 1000 + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + base64.encodeToString(signer.sign());
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    @Test
    void ownersCreateAndChangeTheirOwnRecordsOnly() throws Exception {
        JsonNode created = call(blog, ANA, "mutation { createPost(input: {id: \"p\", title: \"t\", status: DRAFT}) { id owner } }");
        assertThat(created.get("data").get("createPost").get("owner").asText()).isEqualTo("ana-sub::ana");
        assertThat(errorType(call(blog, BOB, "mutation { updatePost(input: {id: \"p\", title: \"mine\", _version: 1}) { id } }")))
                .isEqualTo("Unauthorized");
        assertThat(errorType(call(blog, BOB, "mutation { deletePost(input: {id: \"p\", _version: 1}) { id } }")))
                .isEqualTo("Unauthorized");
        assertThat(errorType(call(blog, ANA, "mutation { updatePost(input: {id: \"p\", title: \"edit\", _version: 1}) { id } }")))
                .isEqualTo("none");
        // the owner may hand it to someone else, as in AppSync, who then owns it alone
        assertThat(call(blog, ANA, "mutation { updatePost(input: {id: \"p\", owner: \"bob-sub::bob\", _version: 2})"
                + " { owner } }").get("data").get("updatePost").get("owner").asText()).isEqualTo("bob-sub::bob");
        assertThat(errorType(call(blog, ANA, "mutation { updatePost(input: {id: \"p\", title: \"mine\", _version: 3}) { id } }")))
                .isEqualTo("Unauthorized");
        assertThat(errorType(call(blog, BOB, "mutation { updatePost(input: {id: \"p\", title: \"edit\", _version: 3}) { id } }")))
                .isEqualTo("none");
        // an API key may read (public read rule) but not write
        assertThat(call(blog, KEY, "{ getPost(id: \"p\") { title } }").get("data").get("getPost").get("title").asText())
                .isEqualTo("edit");
        assertThat(errorType(call(blog, KEY, "mutation { createPost(input: {title: \"k\", status: DRAFT}) { id } }")))
                .isEqualTo("Unauthorized");
        // someone else's owner value on create is not accepted either
        assertThat(errorType(call(blog, BOB, "mutation { createPost(input: {title: \"x\", status: DRAFT,"
                + " owner: \"ana-sub::ana\"}) { id } }"))).isEqualTo("Unauthorized");
    }

    /**
     * Amplify's multi-owner records: an owner field that is a list holds every owner. Created
     * without it, the record gets a list of its creator alone (it got the creator's name as a
     * string, which the API could not return as a list, nor any read of the record after).
     */
    @Test
    void aRecordOfSeveralOwnersStartsWithItsCreatorAlone() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Doc @model @auth(rules: [{ allow: owner, ownerField: "editors" }]) {
                  id: ID!
                  title: String!
                  editors: [String]
                }
                """);
        try (SyncServer docs = SyncServer.builder(schema).port(0).database(temp.resolve("docs.db")).jwtSecret(SECRET).start()) {
            JsonNode created = call(docs, ANA, "mutation { createDoc(input: {id: \"d\", title: \"t\"}) { editors } }");
            assertThat(created.has("errors")).as("%s", created).isFalse();
            assertThat(created.get("data").get("createDoc").get("editors"))
                    .isEqualTo(ProtocolTest.JSON.valueToTree(List.of("ana-sub::ana")));
            assertThat(ids(call(docs, ANA, "{ listDocs { items { id editors } } }"), "listDocs")).containsExactly("d");
            assertThat(errorType(call(docs, BOB, "{ getDoc(id: \"d\") { id } }"))).isEqualTo("Unauthorized");
            // an owner may add another, who may then read and change the record too
            assertThat(errorType(call(docs, ANA, "mutation { updateDoc(input: {id: \"d\", editors: [\"ana-sub::ana\","
                    + " \"bob-sub::bob\"], _version: 1}) { id } }"))).isEqualTo("none");
            assertThat(errorType(call(docs, BOB, "mutation { updateDoc(input: {id: \"d\", title: \"b\", _version: 2})"
                    + " { id } }"))).isEqualTo("none");
            assertThat(ids(call(docs, BOB, "{ syncDocs(lastSync: 0) { items { id editors } } }"), "syncDocs"))
                    .containsExactly("d");
        }
    }

    /**
     * A field only its owner may read is its creator's, as in AppSync: the owner field a
     * field-level owner rule names is set to the creator when a create leaves it out, as a
     * model-level rule's is (it was left empty, so the rule refused its creator the field).
     */
    @Test
    void aFieldLevelOwnerRulesFieldIsTheCreators() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Note @model @auth(rules: [{ allow: private }]) {
                  id: ID!
                  text: String
                  secret: String @auth(rules: [{ allow: owner, ownerField: "author" }])
                }
                """);
        try (SyncServer notes = SyncServer.builder(schema).port(0).database(temp.resolve("notes.db")).jwtSecret(SECRET).start()) {
            JsonNode created = call(notes, ANA, "mutation { createNote(input: {id: \"n\", text: \"t\", secret: \"s\"})"
                    + " { author secret } }");
            assertThat(created.toString()).isEqualTo("{\"data\":{\"createNote\":{\"author\":\"ana-sub::ana\",\"secret\":\"s\"}}}");
            assertThat(call(notes, ANA, "{ getNote(id: \"n\") { secret } }").get("data").get("getNote").get("secret").asText())
                    .isEqualTo("s");
            assertThat(call(notes, BOB, "{ getNote(id: \"n\") { text secret } }").get("data").get("getNote").toString())
                    .isEqualTo("{\"text\":\"t\",\"secret\":null}");
            assertThat(errorType(call(notes, BOB, "mutation { updateNote(input: {id: \"n\", secret: \"b\", _version: 1}) { id } }")))
                    .isEqualTo("Unauthorized");
        }
    }

    /**
     * An owner may hand a record to someone else, as AppSync lets them by default (Amplify warns of
     * it at compile time); a field-level rule on the owner field that leaves out update keeps the
     * record its owner's, as Amplify's documentation advises, while the other fields stay theirs to
     * change.
     */
    @Test
    void aFieldRuleKeepsOwnersFromHandingRecordsOn() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Note @model @auth(rules: [{ allow: owner }]) {
                  id: ID!
                  text: String
                  owner: String @auth(rules: [{ allow: owner, operations: [create, read, delete] }])
                }
                type Doc @model @auth(rules: [{ allow: owner, ownerField: "editors" }]) {
                  id: ID!
                  editors: [String]
                }
                """);
        try (SyncServer notes = SyncServer.builder(schema).port(0).database(temp.resolve("notes.db")).jwtSecret(SECRET).start()) {
            call(notes, ANA, "mutation { createNote(input: {id: \"n\", text: \"a\"}) { id } }");
            assertThat(errorType(call(notes, ANA, "mutation { updateNote(input: {id: \"n\", owner: \"bob-sub::bob\","
                    + " _version: 1}) { id } }"))).isEqualTo("Unauthorized");
            assertThat(call(notes, ANA, "mutation { updateNote(input: {id: \"n\", text: \"b\", _version: 1}) { owner text } }")
                    .get("data").get("updateNote").toString()).isEqualTo("{\"owner\":\"ana-sub::ana\",\"text\":\"b\"}");

            // one of several owners may leave the record to the others
            call(notes, ANA, "mutation { createDoc(input: {id: \"d\", editors: [\"ana-sub::ana\", \"bob-sub::bob\"]}) { id } }");
            assertThat(errorType(call(notes, ANA, "mutation { updateDoc(input: {id: \"d\", editors: [\"bob-sub::bob\"],"
                    + " _version: 1}) { id } }"))).isEqualTo("none");
            assertThat(errorType(call(notes, ANA, "{ getDoc(id: \"d\") { id } }"))).isEqualTo("Unauthorized");
            assertThat(ids(call(notes, BOB, "{ listDocs { items { id } } }"), "listDocs")).containsExactly("d");
        }
    }

    /**
     * A field's own rules may let in callers whom the model's rules do not, for that field alone,
     * as AppSync's access matrix has it: any signed-in user may vote on a ticket (update its
     * votes, and nothing else of it), and read a profile's name (and so list profiles, every other
     * field null). A delete takes the whole record: the owner may not delete a secret whose code
     * they may not delete.
     */
    @Test
    void aFieldsRulesLetInCallersForThatFieldAlone() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Ticket @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {
                  id: ID!
                  title: String!
                  votes: Int @auth(rules: [{ allow: private, operations: [read, update] }, { allow: owner }])
                }
                type Profile @model @auth(rules: [{ allow: owner }]) {
                  id: ID! @auth(rules: [{ allow: private, operations: [read] }, { allow: owner }])
                  name: String @auth(rules: [{ allow: private, operations: [read] }, { allow: owner }])
                  phone: String
                }
                type Secret @model @auth(rules: [{ allow: owner }]) {
                  id: ID!
                  code: String @auth(rules: [{ allow: owner, operations: [create, read, update] }])
                }
                """);
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("fields.db")).jwtSecret(SECRET).start()) {
            call(server, ANA, "mutation { createTicket(input: {id: \"t\", title: \"fix it\", votes: 0}) { id } }");
            assertThat(call(server, BOB, "mutation { updateTicket(input: {id: \"t\", votes: 1, _version: 1}) { title votes } }")
                    .get("data").get("updateTicket").toString()).isEqualTo("{\"title\":\"fix it\",\"votes\":1}");
            JsonNode title = call(server, BOB, "mutation { updateTicket(input: {id: \"t\", title: \"mine\", _version: 2}) { id } }");
            assertThat(errorType(title)).isEqualTo("Unauthorized");
            assertThat(title.toString()).contains("Not Authorized to access title on updateTicket");
            assertThat(errorType(call(server, BOB, "mutation { deleteTicket(input: {id: \"t\", _version: 2}) { id } }")))
                    .isEqualTo("Unauthorized");

            call(server, ANA, "mutation { createProfile(input: {id: \"ana\", name: \"Ana\", phone: \"555\"}) { id } }");
            assertThat(call(server, BOB, "{ listProfiles { items { id name phone } } }").get("data").get("listProfiles")
                    .toString()).isEqualTo("{\"items\":[{\"id\":\"ana\",\"name\":\"Ana\",\"phone\":null}]}");
            assertThat(call(server, ANA, "{ getProfile(id: \"ana\") { phone } }").get("data").get("getProfile").get("phone")
                    .asText()).isEqualTo("555");
            assertThat(errorType(call(server, BOB, "mutation { updateProfile(input: {id: \"ana\", name: \"B\", _version: 1})"
                    + " { id } }"))).isEqualTo("Unauthorized");

            call(server, ANA, "mutation { createSecret(input: {id: \"s\", code: \"1234\"}) { id } }");
            JsonNode delete = call(server, ANA, "mutation { deleteSecret(input: {id: \"s\", _version: 1}) { id } }");
            assertThat(errorType(delete)).isEqualTo("Unauthorized");
            assertThat(delete.toString()).contains("Not Authorized to access code on deleteSecret");
        }
    }

    /**
     * A mutation's answer, and a conflict's copy of the server's record, show a caller whom a
     * field's rules alone let make the mutation what they may read, not the rest of the record:
     * any signed-in user may vote on a poll, but only its owner may read the question and the
     * choices (the answer handed them over).
     */
    @Test
    void aMutationsAnswerShowsACallerLetInByAFieldWhatTheyMayRead() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Poll @model @auth(rules: [{ allow: owner }]) {
                  id: ID! @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }])
                  question: String
                  votes: Int @auth(rules: [{ allow: owner }, { allow: private, operations: [read, update] }])
                  choices: [Choice] @hasMany
                }
                type Choice @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {
                  id: ID!
                  label: String
                }
                """);
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("polls.db")).jwtSecret(SECRET)
                .conflictStrategy(ConflictStrategy.OPTIMISTIC_CONCURRENCY).start()) {
            call(server, ANA, "mutation { createPoll(input: {id: \"p\", question: \"q?\", votes: 0}) { id } }");
            call(server, ANA, "mutation { createChoice(input: {id: \"c\", label: \"yes\", pollChoicesId: \"p\"}) { id } }");
            String vote = "mutation { updatePoll(input: {id: \"p\", votes: %d, _version: %d})"
                    + " { id question votes choices { items { id } } } }";
            assertThat(call(server, BOB, vote.formatted(1, 1)).get("data").get("updatePoll").toString())
                    .isEqualTo("{\"id\":\"p\",\"question\":null,\"votes\":1,\"choices\":null}");
            JsonNode stale = call(server, BOB, vote.formatted(2, 1));
            assertThat(errorType(stale)).isEqualTo("ConflictUnhandled");
            assertThat(stale.get("errors").get(0).get("data").get("question").isNull()).as("%s", stale).isTrue();
            assertThat(call(server, ANA, vote.formatted(3, 2)).get("data").get("updatePoll").toString())
                    .isEqualTo("{\"id\":\"p\",\"question\":\"q?\",\"votes\":3,\"choices\":{\"items\":[{\"id\":\"c\"}]}}");
        }
    }

    /**
     * As AppSync's access matrix has it, an update that sets a field to null takes {@code delete}
     * on that field as well as {@code update}: a signed-in user whom the model lets read and update
     * a card may change its note but not empty it, and may empty its tag, whose own rules let them
     * delete it. And a field's own rules that allow create let a caller create a record with that
     * field alone, whom the model's rules do not let create.
     */
    @Test
    void clearingAFieldTakesDeleteAndAFieldsRulesMayAllowCreates() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Card @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read, update] }]) {
                  id: ID!
                  title: String!
                  note: String
                  tag: String @auth(rules: [{ allow: private, operations: [read, update, delete] }, { allow: owner }])
                }
                type Badge @model @auth(rules: [{ allow: groups, groups: ["Admin"] }]) {
                  id: ID! @auth(rules: [{ allow: private, operations: [create, read] }, { allow: groups, groups: ["Admin"] }])
                  label: String @auth(rules: [{ allow: private, operations: [create, read] }, { allow: groups, groups: ["Admin"] }])
                  level: Int
                }
                """);
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("clear.db")).jwtSecret(SECRET).start()) {
            call(server, ANA, "mutation { createCard(input: {id: \"c\", title: \"t\", note: \"n\", tag: \"x\"}) { id } }");
            assertThat(errorType(call(server, BOB, "mutation { updateCard(input: {id: \"c\", note: \"m\", _version: 1}) { id } }")))
                    .isEqualTo("none");
            JsonNode cleared = call(server, BOB, "mutation { updateCard(input: {id: \"c\", note: null, _version: 2}) { id } }");
            assertThat(errorType(cleared)).isEqualTo("Unauthorized");
            assertThat(cleared.toString()).contains("Not Authorized to access note on updateCard"
                    + " (setting a field to null takes delete on it)");
            assertThat(call(server, BOB, "mutation { updateCard(input: {id: \"c\", tag: null, _version: 2}) { note tag } }")
                    .get("data").get("updateCard").toString()).isEqualTo("{\"note\":\"m\",\"tag\":null}");
            assertThat(call(server, ANA, "mutation { updateCard(input: {id: \"c\", note: null, _version: 3}) { note } }")
                    .get("data").get("updateCard").toString()).isEqualTo("{\"note\":null}");

            assertThat(call(server, BOB, "mutation { createBadge(input: {id: \"b\", label: \"first\"}) { id label } }")
                    .get("data").get("createBadge").toString()).isEqualTo("{\"id\":\"b\",\"label\":\"first\"}");
            JsonNode level = call(server, BOB, "mutation { createBadge(input: {id: \"b2\", label: \"x\", level: 2}) { id } }");
            assertThat(errorType(level)).isEqualTo("Unauthorized");
            assertThat(level.toString()).contains("Not Authorized to access level on createBadge");
            assertThat(errorType(call(server, ADMIN, "mutation { createBadge(input: {id: \"b3\", level: 2}) { id } }")))
                    .isEqualTo("none");
            assertThat(ids(call(server, ADMIN, "{ listBadges { items { id } } }"), "listBadges")).containsExactly("b", "b3");
        }
    }

    /**
     * A relationship field's own rules hide the records it would lead to, as a field's rules hide
     * its value: any signed-in user may read a blog, but its posts only its owner (they came back
     * to everyone). One whom other fields' rules alone let read the blog (an API key, its name)
     * does not see its tags, as no other field without rules of its own, though the tags
     * themselves are the key's to read. A mutation's answer leaves out only what the field's own
     * rules keep from its caller.
     */
    @Test
    void aRelationshipFieldsRulesHideTheRecordsItLeadsTo() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Blog @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {
                  id: ID! @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }, { allow: public, operations: [read] }])
                  name: String @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }, { allow: public, operations: [read] }])
                  posts: [Post] @hasMany @auth(rules: [{ allow: owner }])
                  tags: [Tag] @hasMany
                }
                type Post @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {
                  id: ID!
                  title: String
                }
                type Tag @model @auth(rules: [{ allow: owner }, { allow: public, operations: [read] }]) {
                  id: ID!
                  label: String
                }
                """);
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("relations.db")).apiKey(API_KEY)
                .jwtSecret(SECRET).start()) {
            call(server, ANA, "mutation { createBlog(input: {id: \"b\", name: \"n\"}) { id } }");
            call(server, ANA, "mutation { createPost(input: {id: \"p\", title: \"t\", blogPostsId: \"b\"}) { id } }");
            call(server, ANA, "mutation { createTag(input: {id: \"t\", label: \"l\", blogTagsId: \"b\"}) { id } }");
            String blog = "{ getBlog(id: \"b\") { name posts { items { id } } tags { items { id } } } }";
            assertThat(call(server, ANA, blog).get("data").get("getBlog").toString())
                    .isEqualTo("{\"name\":\"n\",\"posts\":{\"items\":[{\"id\":\"p\"}]},\"tags\":{\"items\":[{\"id\":\"t\"}]}}");
            assertThat(call(server, BOB, blog).get("data").get("getBlog").toString())
                    .isEqualTo("{\"name\":\"n\",\"posts\":null,\"tags\":{\"items\":[]}}"); // Tag's rules keep tags from Bob
            assertThat(call(server, KEY, "{ listBlogs { items { name posts { items { id } } tags { items { id } } } } }")
                    .get("data").get("listBlogs").toString())
                    .isEqualTo("{\"items\":[{\"name\":\"n\",\"posts\":null,\"tags\":null}]}");
            assertThat(ids(call(server, KEY, "{ listTags { items { id } } }"), "listTags")).containsExactly("t");
            assertThat(call(server, BOB, "mutation { createBlog(input: {id: \"b2\", name: \"m\"}) { posts { items { id } } } }")
                    .get("data").get("createBlog").toString()).isEqualTo("{\"posts\":{\"items\":[]}}");
        }
    }

    /**
     * A rule naming some read operations allows those alone ({@code read} stands for all): any
     * signed-in user may get a note by its id, but neither list nor sync them, which let every
     * note be read (they did: any read operation in a rule allowed all of them).
     */
    @Test
    void aRuleNamingSomeReadOperationsAllowsThoseAlone() throws Exception {
        Schema schema = ServerStartTest.schema(temp, """
                type Note @model @auth(rules: [{ allow: owner }, { allow: private, operations: [get] }]) {
                  id: ID!
                  text: String
                }
                type Board @model @auth(rules: [{ allow: private, operations: [list, sync] }, { allow: owner }]) {
                  id: ID!
                  title: String
                }
                """);
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("reads.db")).jwtSecret(SECRET).start()) {
            call(server, ANA, "mutation { createNote(input: {id: \"n\", text: \"hi\"}) { id } }");
            assertThat(call(server, BOB, "{ getNote(id: \"n\") { text } }").get("data").get("getNote").get("text").asText())
                    .isEqualTo("hi");
            assertThat(ids(call(server, BOB, "{ listNotes { items { id } } }"), "listNotes")).isEmpty();
            assertThat(ids(call(server, BOB, "{ syncNotes(lastSync: 0) { items { id } } }"), "syncNotes")).isEmpty();
            assertThat(ids(call(server, ANA, "{ listNotes { items { id } } }"), "listNotes")).containsExactly("n");

            call(server, ANA, "mutation { createBoard(input: {id: \"b\", title: \"t\"}) { id } }");
            assertThat(ids(call(server, BOB, "{ listBoards { items { id } } }"), "listBoards")).containsExactly("b");
            assertThat(ids(call(server, BOB, "{ syncBoards(lastSync: 0) { items { id } } }"), "syncBoards")).containsExactly("b");
            assertThat(errorType(call(server, BOB, "{ getBoard(id: \"b\") { id } }"))).isEqualTo("Unauthorized");
        }
    }

    @Test
    void readsAreFilteredToWhatTheCallerMaySee() throws Exception {
        call(todo, ANA, "mutation { createTodoList(input: {id: \"ana-list\", title: \"a\", editors: [\"Editors\"]}) { id } }");
        call(todo, BOB, "mutation { createTodoList(input: {id: \"bob-list\", title: \"b\"}) { id } }");
        Caller editor = caller("ed-sub", "ed", List.of("Editors"));
        assertThat(ids(call(todo, ANA, "{ syncTodoLists(lastSync: 0) { items { id } } }"), "syncTodoLists"))
                .containsExactly("ana-list");
        assertThat(ids(call(todo, BOB, "{ listTodoLists { items { id } } }"), "listTodoLists")).containsExactly("bob-list");
        assertThat(ids(call(todo, ADMIN, "{ listTodoLists { items { id } } }"), "listTodoLists"))
                .containsExactlyInAnyOrder("ana-list", "bob-list");
        assertThat(ids(call(todo, editor, "{ listTodoLists { items { id } } }"), "listTodoLists")).containsExactly("ana-list");
        assertThat(errorType(call(todo, BOB, "{ getTodoList(id: \"ana-list\") { id } }"))).isEqualTo("Unauthorized");
        assertThat(ids(call(todo, KEY, "{ listTodoLists { items { id } } }"), "listTodoLists")).isEmpty();
    }

    @Test
    void perOperationRulesLimitGroups() throws Exception {
        call(todo, ANA, "mutation { createTodoList(input: {id: \"l\", title: \"a\", editors: [\"Editors\"]}) { id } }");
        Caller editor = caller("ed-sub", "ed", List.of("Editors"));
        // dynamic group: read and update, not delete
        assertThat(errorType(call(todo, editor, "mutation { updateTodoList(input: {id: \"l\", title: \"e\", _version: 1}) { id } }")))
                .isEqualTo("none");
        assertThat(errorType(call(todo, editor, "mutation { deleteTodoList(input: {id: \"l\", _version: 2}) { id } }")))
                .isEqualTo("Unauthorized");
        // static groups: Support may read Ana's todos but not change them; Admin may do anything to lists
        call(todo, ANA, "mutation { createTodo(input: {id: \"t\", listId: \"l\", description: \"d\", done: false}) { id } }");
        assertThat(call(todo, SUPPORT, "{ getTodo(id: \"t\") { description } }").get("data").get("getTodo")
                .get("description").asText()).isEqualTo("d");
        assertThat(errorType(call(todo, SUPPORT, "mutation { updateTodo(input: {id: \"t\", done: true, _version: 1}) { id } }")))
                .isEqualTo("Unauthorized");
        // an owner rule lets any signed-in user create records of their own (they become the owner)
        assertThat(call(todo, SUPPORT, "mutation { createTodo(input: {listId: \"l\", description: \"x\", done: false})"
                + " { owner } }").get("data").get("createTodo").get("owner").asText()).isEqualTo("help-sub");
        assertThat(errorType(call(todo, ADMIN, "mutation { deleteTodoList(input: {id: \"l\", _version: 2}) { id } }")))
                .isEqualTo("none");
    }

    /**
     * A groups claim may be a list, a string holding a JSON list (as some identity providers send
     * it, and AppSync parses it), or a string of names separated by commas: a member of Admin
     * reads Ana's list whichever form the token gives; a member of other groups does not.
     */
    @Test
    void aGroupsClaimIsReadAsAListWhicheverFormItComesIn() throws Exception {
        call(todo, ANA, "mutation { createTodoList(input: {id: \"l\", title: \"a\"}) { id } }");
        List<String> admins = List.of("[\"Support\", \"Admin\"]", "\"[\\\"Support\\\", \\\"Admin\\\"]\"",
                "\"Support,Admin\"", "\"Admin\"");
        List<String> others = List.of("\"[\\\"Support\\\"]\"", "\"Support\"", "\"[Admin\"", "\"Admins\"");
        for (String groups : admins) {
            assertThat(errorType(call(todo, groupsCaller(groups), "{ getTodoList(id: \"l\") { id } }"))).as(groups)
                    .isEqualTo("none");
        }
        for (String groups : others) {
            assertThat(errorType(call(todo, groupsCaller(groups), "{ getTodoList(id: \"l\") { id } }"))).as(groups)
                    .isEqualTo("Unauthorized");
        }
    }

    /** A user whose token's {@code cognito:groups} claim is {@code groups}, as JSON. */
    private static Caller groupsCaller(String groups) throws Exception {
        ObjectNode claims = ProtocolTest.JSON.createObjectNode().put("sub", "g-sub").put("cognito:username", "g")
                .put("exp", System.currentTimeMillis() / 1000 + 3600);
        claims.set("cognito:groups", ProtocolTest.JSON.readTree(groups));
        return new Caller("Authorization", signed(claims));
    }

    @Test
    void fieldRulesHideAndProtectSingleFields() throws Exception {
        call(todo, ANA, "mutation { createTodoList(input: {id: \"l\", title: \"a\"}) { id } }");
        call(todo, ANA, "mutation { createTodo(input: {id: \"t\", listId: \"l\", description: \"d\", done: false,"
                + " privateNote: \"secret\"}) { id } }");
        assertThat(call(todo, ANA, "{ getTodo(id: \"t\") { privateNote } }").get("data").get("getTodo").get("privateNote")
                .asText()).isEqualTo("secret");
        JsonNode seenBySupport = call(todo, SUPPORT, "{ getTodo(id: \"t\") { description privateNote } }").get("data").get("getTodo");
        assertThat(seenBySupport.get("description").asText()).isEqualTo("d");
        assertThat(seenBySupport.get("privateNote").isNull()).isTrue();
        assertThat(call(todo, SUPPORT, "{ syncTodos(lastSync: 0) { items { privateNote } } }").get("data").get("syncTodos")
                .get("items").get(0).get("privateNote").isNull()).isTrue();
    }

    /**
     * A filter sees what the caller may read: Support may read Ana's todos but not their private
     * note, so a filter on the note finds them as if it were empty, and cannot be used to work it
     * out a letter at a time. Ana's own filter finds hers. Lists, syncs and subscriptions alike.
     */
    @Test
    void filtersCannotReadFieldsHiddenFromTheCaller() throws Exception {
        call(todo, ANA, "mutation { createTodoList(input: {id: \"l\", title: \"a\"}) { id } }");
        call(todo, ANA, "mutation { createTodo(input: {id: \"t\", listId: \"l\", description: \"d\", done: false,"
                + " privateNote: \"secret\"}) { id } }");
        String startsWithS = "(filter: {privateNote: {beginsWith: \"s\"}})";
        String empty = "(filter: {privateNote: {attributeExists: false}})";
        for (String read : List.of("listTodos", "syncTodos")) {
            assertThat(ids(call(todo, ANA, "{ " + read + startsWithS + " { items { id } } }"), read)).containsExactly("t");
            assertThat(ids(call(todo, SUPPORT, "{ " + read + startsWithS + " { items { id } } }"), read)).as(read).isEmpty();
            assertThat(ids(call(todo, SUPPORT, "{ " + read + empty + " { items { id } } }"), read)).as(read).containsExactly("t");
        }
        // _deleted is filtered on as the API shows it too: tombstones have it, live records do not
        call(todo, ANA, "mutation { createTodo(input: {id: \"gone\", listId: \"l\", description: \"d\", done: false}) { id } }");
        call(todo, ANA, "mutation { deleteTodo(input: {id: \"gone\", _version: 1}) { id } }");
        assertThat(ids(call(todo, ANA, "{ syncTodos(filter: {_deleted: {eq: true}}) { items { id } } }"), "syncTodos"))
                .containsExactly("gone");
        assertThat(ids(call(todo, ANA, "{ syncTodos(filter: {_deleted: {ne: true}}) { items { id } } }"), "syncTodos"))
                .containsExactly("t");
    }

    /**
     * A rule this server cannot meet (IAM, a Lambda authorizer, or a kind of caller it takes no
     * credentials for) denies every request it alone would allow, with an answer that cannot say
     * why; the server names such operations at start.
     */
    @Test
    void theServerNamesWhatNoCallerOfItMayDo() throws Exception {
        Path schema = Files.writeString(temp.resolve("unreachable.graphql"), """
                type Guest @model @auth(rules: [{ allow: public, provider: iam }]) { id: ID! }
                type Custom @model @auth(rules: [{ allow: custom }, { allow: private, operations: [read] }]) { id: ID! }
                type Open @model { id: ID! }
                """);
        Map<String, ModelDef> models = new HashMap<>();
        Codegen.compile(List.of(schema)).schema().orElseThrow().models().forEach(model -> models.put(model.name(), model));
        TODO_SCHEMA.models().forEach(model -> models.put(model.name(), model));
        ProtocolTest.BLOG.models().forEach(model -> models.put(model.name(), model));
        assertThat(AuthPolicy.unreachable(models.get("Guest"), true, true)).isEqualTo(new AuthPolicy.Unreachable(
                "create, read, update or delete", "public (provider iam) rules need AWS IAM, which this server does not take"));
        assertThat(AuthPolicy.unreachable(models.get("Custom"), true, true)).isEqualTo(new AuthPolicy.Unreachable(
                "create, update or delete", "custom rules need a Lambda authorizer, which this server does not run"));
        assertThat(AuthPolicy.unreachable(models.get("Open"), true, false)).isNull();
        // Todo: owners may do anything, Admin and Support read
        assertThat(AuthPolicy.unreachable(models.get("Todo"), false, true)).isNull();
        assertThat(AuthPolicy.unreachable(models.get("Todo"), true, false)).isEqualTo(new AuthPolicy.Unreachable(
                "create, read, update or delete",
                "owner and groups rules need users' tokens, and the server takes none (jwtSecret or jwks, --jwt-secret or --jwks)"));
        // the blog's API key readers: a key may read posts, only their owners may change them
        assertThat(AuthPolicy.unreachable(models.get("Post"), true, false)).isEqualTo(new AuthPolicy.Unreachable(
                "create, update or delete",
                "owner rules need users' tokens, and the server takes none (jwtSecret or jwks, --jwt-secret or --jwks)"));
    }

    private static List<String> ids(JsonNode response, String field) {
        assertThat(response.has("errors")).as("%s", response).isFalse();
        List<String> ids = new ArrayList<>();
        response.get("data").get(field).get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

}
