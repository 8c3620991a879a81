package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AppSync's real-time protocol over a real WebSocket on loopback, with both ways of sending auth. */
class RealtimeTest {
    @TempDir
    Path temp;

    private SyncServer server;
    private SyncSemanticsTest.Client http;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("rt.db"))
                .keepAlive(Duration.ofMillis(300)).start();
        http = new SyncSemanticsTest.Client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A client connection that collects every message except keep-alives, which it counts. */
    static final class Connection implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        /** The status code of the server's close frame, once one came. */
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile int keepAlives;
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = ProtocolTest.JSON.readTree(partial.toString());
                    if (message.path("type").asText().equals("ka")) {
                        keepAlives++;
                    } else {
                        messages.add(message);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        void send(ObjectNode message) {
            socket.sendText(message.toString(), true).join();
        }
    }

    private Connection connect(boolean authInSubprotocol) throws Exception {
        return connect(server, authInSubprotocol, "{\"host\":\"127.0.0.1\",\"x-api-key\":\"da2-test\"}");
    }

    static Connection connect(SyncServer server, boolean authInSubprotocol, String header) throws Exception {
        return connect(server, authInSubprotocol, header, null);
    }

    /** {@link #connect(SyncServer, boolean, String)} from a web page of {@code origin} (null: none, as apps send). */
    static Connection connect(SyncServer server, boolean authInSubprotocol, String header, String origin) throws Exception {
        return connect(HttpClient.newHttpClient(), server, authInSubprotocol, header, origin);
    }

    /** {@link #connect(SyncServer, boolean, String, String)} through {@code client} (one that trusts a test certificate, say). */
    static Connection connect(HttpClient client, SyncServer server, boolean authInSubprotocol, String header, String origin)
            throws Exception {
        Connection connection = new Connection();
        WebSocket.Builder builder = client.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        URI uri;
        if (authInSubprotocol) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8));
            builder.subprotocols("graphql-ws", "header-" + encoded);
            uri = URI.create(server.endpoint().toString().replaceFirst("^http", "ws") + "/realtime");
        } else {
            builder.subprotocols("graphql-ws");
            uri = realtimeUri(server, header);
        }
        connection.socket = builder.buildAsync(uri, connection).get(10, TimeUnit.SECONDS);
        assertThat(connection.socket.getSubprotocol()).isEqualTo("graphql-ws");
        connection.send(ProtocolTest.JSON.createObjectNode().put("type", "connection_init"));
        JsonNode ack = connection.next();
        assertThat(ack.get("type").asText()).isEqualTo("connection_ack");
        assertThat(ack.get("payload").get("connectionTimeoutMs").asLong()).isPositive();
        return connection;
    }

    static ObjectNode start(String id, String query, Map<String, Object> variables) {
        ObjectNode request = ProtocolTest.JSON.createObjectNode().put("query", query);
        request.set("variables", ProtocolTest.JSON.valueToTree(variables));
        ObjectNode start = ProtocolTest.JSON.createObjectNode().put("type", "start").put("id", id);
        ObjectNode payload = start.putObject("payload").put("data", request.toString());
        payload.putObject("extensions").putObject("authorization").put("x-api-key", "da2-test").put("host", "127.0.0.1");
        return start;
    }

    @Test
    void subscribersReceiveMutationsShapedByTheirSelection() throws Exception {
        Connection connection = connect(true);
        connection.send(start("sub-1", "subscription { onCreatePost { id title _version _deleted __typename } }", Map.of()));
        assertThat(connection.next().toString()).isEqualTo("{\"type\":\"start_ack\",\"id\":\"sub-1\"}");
        http.graphql("mutation { createPost(input: {id: \"p1\", title: \"hello\", status: DRAFT}) { id } }");
        JsonNode data = connection.next();
        assertThat(data.get("type").asText()).isEqualTo("data");
        assertThat(data.get("id").asText()).isEqualTo("sub-1");
        assertThat(data.get("payload").toString()).isEqualTo(
                "{\"data\":{\"onCreatePost\":{\"id\":\"p1\",\"title\":\"hello\",\"_version\":1,\"_deleted\":null,"
                        + "\"__typename\":\"Post\"}}}");
        connection.send(ProtocolTest.JSON.createObjectNode().put("type", "stop").put("id", "sub-1"));
        assertThat(connection.next().toString()).isEqualTo("{\"type\":\"complete\",\"id\":\"sub-1\"}");
        http.graphql("mutation { createPost(input: {id: \"p2\", title: \"unheard\", status: DRAFT}) { id } }");
        assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    /**
     * Subscriptions whose root graphql-java 26 fails on before validation has said what is wrong
     * (a root field's @skip without if, or with a variable; a fragment not defined, or spreading
     * itself; a root field skipped) are refused with a validation error, over HTTP too: they ended
     * the whole connection (1011), and got a 500. Only the root must be plain: directives and
     * fragments inside the selection are served as ever. A subscription sent by POST is refused.
     */
    @Test
    void subscriptionsWithoutOnePlainRootFieldAreRefusedAndTheConnectionServesOn() throws Exception {
        Connection connection = connect(true);
        connection.send(start("kept", "subscription { onCreatePost { id ... on Post { title @include(if: true) } } }",
                Map.of()));
        assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
        List<String> refused = List.of("subscription { onCreatePost @skip { id } }",
                "subscription($x: Boolean!) { onCreatePost @skip(if: $x) { id } }",
                "subscription { onCreatePost @skip(if: true) { id } }",
                "subscription { ... on Subscription @skip { onCreatePost { id } } }",
                "subscription { ...F } fragment F on Subscription { ...F }",
                "subscription { ...Undefined }",
                "subscription { onCreatePost { id } onDeletePost { id } }");
        for (String document : refused) {
            connection.send(start("r", document, Map.of("x", true)));
            JsonNode error = connection.next();
            assertThat(error.get("type").asText()).as(document).isEqualTo("error");
            assertThat(error.at("/payload/errors/0/errorType").asText()).as(document).isEqualTo("ValidationError");
            assertThat(error.at("/payload/errors/0/message").asText()).as(document)
                    .contains("a subscription selects one field at its root");
            JsonNode posted = ProtocolTest.JSON.readTree(post(document));
            assertThat(posted.at("/errors/0/errorType").asText()).as(document + " by POST").isEqualTo("ValidationError");
        }
        assertThat(ProtocolTest.JSON.readTree(post("subscription { onCreatePost { id } }")).at("/errors/0/message").asText())
                .startsWith("a subscription is started over the real-time endpoint");
        http.graphql("mutation { createPost(input: {id: \"p1\", title: \"hello\", status: DRAFT}) { id } }");
        assertThat(connection.next().get("payload").toString())
                .isEqualTo("{\"data\":{\"onCreatePost\":{\"id\":\"p1\",\"title\":\"hello\"}}}");
        assertThat(connection.closed).isNotDone();
    }

    /** {@code document} sent by POST, as it is answered (with a 200 or not). */
    private String post(String document) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProtocolTest.JSON.createObjectNode().put("query", document).toString()))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A subscription whose document is too long to keep parsed ({@link DocumentCache}) hears its changes all the same. */
    @Test
    void aSubscriptionTooLongToKeepParsedHearsItsChanges() throws Exception {
        String padding = "#" + "x".repeat(DocumentCache.DOCUMENT_CHARS) + "\n"; // a comment
        Connection connection = connect(true);
        connection.send(start("long", padding + "subscription { onCreatePost { id title } }", Map.of()));
        assertThat(connection.next().toString()).isEqualTo("{\"type\":\"start_ack\",\"id\":\"long\"}");
        http.graphql("mutation { createPost(input: {id: \"p1\", title: \"hello\", status: DRAFT}) { id } }");
        assertThat(connection.next().get("payload").toString())
                .isEqualTo("{\"data\":{\"onCreatePost\":{\"id\":\"p1\",\"title\":\"hello\"}}}");
    }

    @Test
    void filtersApplyOnTheServerAndQueryStringAuthWorks() throws Exception {
        Connection connection = connect(false);
        connection.send(start("f", "subscription s($filter: ModelSubscriptionPostFilterInput) {"
                + " onUpdatePost(filter: $filter) { id title } }", Map.of("filter", Map.of("title", Map.of("eq", "wanted")))));
        assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
        http.graphql("mutation { createPost(input: {id: \"p\", title: \"x\", status: DRAFT}) { id } }");
        http.graphql("mutation { updatePost(input: {id: \"p\", title: \"other\", _version: 1}) { id } }");
        http.graphql("mutation { updatePost(input: {id: \"p\", title: \"wanted\", _version: 2}) { id } }");
        assertThat(connection.next().get("payload").get("data").get("onUpdatePost").get("title").asText()).isEqualTo("wanted");
        assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aSubscriptionFilteringWithInHearsItsRecordsAndMutationsStillAnswer() throws Exception {
        Connection connection = connect(false);
        connection.send(start("in", "subscription s($filter: ModelSubscriptionPostFilterInput) {"
                + " onCreatePost(filter: $filter) { title } }", Map.of("filter", Map.of("title", Map.of("in", List.of("a", "c"))))));
        assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
        for (String title : List.of("a", "b", "c")) {
            JsonNode answer = http.graphql("mutation { createPost(input: {title: \"" + title + "\", status: DRAFT}) { title } }");
            assertThat(answer.toString()).as("the mutation's own answer").contains("\"title\":\"" + title + "\"");
        }
        assertThat(connection.next().get("payload").get("data").get("onCreatePost").get("title").asText()).isEqualTo("a");
        assertThat(connection.next().get("payload").get("data").get("onCreatePost").get("title").asText()).isEqualTo("c");
        assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void eachSubscriberReceivesChangesInCommitOrder() throws Exception {
        Connection first = connect(true);
        Connection second = connect(false);
        for (Connection connection : List.of(first, second)) {
            connection.send(start("u", "subscription { onUpdatePost { _version } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
        }
        http.graphql("mutation { createPost(input: {id: \"p\", title: \"v1\", status: DRAFT}) { id } }");
        for (int version = 1; version <= 40; version++) {
            http.graphql("mutation { updatePost(input: {id: \"p\", title: \"v" + (version + 1) + "\", _version: " + version
                    + "}) { id } }");
        }
        for (Connection connection : List.of(first, second)) {
            for (int version = 2; version <= 41; version++) {
                assertThat(connection.next().get("payload").get("data").get("onUpdatePost").get("_version").asInt())
                        .isEqualTo(version);
            }
        }
    }

    @Test
    void deletesReachOnDeleteSubscribers() throws Exception {
        Connection connection = connect(true);
        connection.send(start("d", "subscription { onDeletePost { id _deleted _version } }", Map.of()));
        connection.next();
        http.graphql("mutation { createPost(input: {id: \"p\", title: \"x\", status: DRAFT}) { id } }");
        http.graphql("mutation { deletePost(input: {id: \"p\", _version: 1}) { id } }");
        assertThat(connection.next().get("payload").get("data").get("onDeletePost").toString())
                .isEqualTo("{\"id\":\"p\",\"_deleted\":true,\"_version\":2}");
    }

    @Test
    void subscribersOnlyReceiveRecordsTheyMayReadAndNeedCredentials() throws Exception {
        try (SyncServer secured = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("secured.db"))
                .apiKey(AuthTest.API_KEY).jwtSecret(AuthTest.SECRET).start()) {
            String ana = AuthTest.jwt("ana-sub", "ana", List.of());
            String bob = AuthTest.jwt("bob-sub", "bob", List.of());
            Connection connection = connect(secured, true, "{\"host\":\"127.0.0.1\",\"Authorization\":\"" + ana + "\"}");
            ObjectNode start = start("mine", "subscription { onCreatePost { id owner } }", Map.of());
            ((ObjectNode) start.get("payload").get("extensions").get("authorization")).removeAll().put("Authorization", ana);
            connection.send(start);
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            post(secured, bob, "mutation { createPost(input: {id: \"bobs\", title: \"b\", status: DRAFT}) { id } }");
            post(secured, ana, "mutation { createPost(input: {id: \"anas\", title: \"a\", status: DRAFT}) { id } }");
            assertThat(connection.next().get("payload").get("data").get("onCreatePost").get("id").asText()).isEqualTo("anas");
            assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();

            assertThat(catchThrowable(() -> connect(secured, true, "{\"x-api-key\":\"wrong\"}")))
                    .hasStackTraceContaining("Unexpected HTTP response status code 401");
        }
    }

    /**
     * An owner argument that is one of the subscriber's own names asks for the subscriber's
     * records, under whichever of those names they are kept: Amplify's DataStore sends the
     * username (the rule's {@code cognito:username} claim) where the server keeps
     * {@code sub::username}, and a user's other devices must hear of what one of them writes.
     * The argument is the one named by each owner rule's field ({@code author} on a chat
     * message, whose other users may read it too), a field-level rule's too ({@code author} of a
     * note whose secret only its author may read). A model whose owners are kept in a list takes
     * no owner argument, as Amplify's transformer adds none: its subscribers hear of the records
     * they may read.
     */
    @Test
    void anOwnerArgumentNamingTheSubscriberHearsOfTheirRecordsUnderAnyOfTheirNames() throws Exception {
        Path schema = Files.writeString(temp.resolve("owners.graphql"), """
                type Post @model @auth(rules: [{ allow: owner }]) { id: ID! title: String }
                type Message @model @auth(rules: [{ allow: owner, ownerField: "author" }, { allow: private, operations: [read] }]) {
                  id: ID!
                  text: String
                  author: String
                }
                type Doc @model @auth(rules: [{ allow: owner, ownerField: "editors" }]) { id: ID! editors: [String] }
                type Note @model @auth(rules: [{ allow: private }]) {
                  id: ID!
                  secret: String @auth(rules: [{ allow: owner, ownerField: "author" }])
                }
                """);
        try (SyncServer secured = SyncServer.builder(Codegen.compile(List.of(schema)).schema().orElseThrow()).port(0)
                .database(temp.resolve("owners.db")).jwtSecret(AuthTest.SECRET).start()) {
            String ana = AuthTest.jwt("ana-sub", "ana", List.of());
            String bob = AuthTest.jwt("bob-sub", "bob", List.of());
            Connection connection = connect(secured, true, "{\"host\":\"127.0.0.1\",\"Authorization\":\"" + ana + "\"}");
            Map<String, String> subscriptions = new LinkedHashMap<>();
            subscriptions.put("username", "onCreatePost(owner: \"ana\") { id owner }");
            subscriptions.put("sub", "onCreatePost(owner: \"ana-sub\") { id owner }");
            subscriptions.put("both", "onCreatePost(owner: \"ana-sub::ana\") { id owner }");
            subscriptions.put("author", "onCreateMessage(author: \"ana\") { id }");
            subscriptions.put("everyone", "onCreateMessage { id }");
            subscriptions.put("editor", "onCreateDoc { id }");
            subscriptions.put("note", "onCreateNote(author: \"ana\") { id }");
            for (Map.Entry<String, String> subscription : subscriptions.entrySet()) {
                ObjectNode start = start(subscription.getKey(), "subscription { " + subscription.getValue() + " }", Map.of());
                ((ObjectNode) start.get("payload").get("extensions").get("authorization")).removeAll().put("Authorization", ana);
                connection.send(start);
                assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            }
            post(secured, ana, "mutation { createPost(input: {id: \"anas\", title: \"a\"}) { id } }");
            post(secured, bob, "mutation { createMessage(input: {id: \"bobs\", text: \"hi\"}) { id } }");
            post(secured, ana, "mutation { createMessage(input: {id: \"anas\", text: \"hello\"}) { id } }");
            post(secured, bob, "mutation { createDoc(input: {id: \"shared\", editors: [\"bob\", \"ana\"]}) { id } }");
            post(secured, bob, "mutation { createDoc(input: {id: \"bobs\", editors: [\"bob\"]}) { id } }");
            post(secured, bob, "mutation { createNote(input: {id: \"bobs\", secret: \"b\"}) { id } }");
            post(secured, ana, "mutation { createNote(input: {id: \"anas\", secret: \"a\"}) { id } }");

            Map<String, List<String>> heard = new TreeMap<>();
            for (int i = 0; i < 8; i++) {
                JsonNode message = connection.next();
                heard.computeIfAbsent(message.get("id").asText(), id -> new ArrayList<>())
                        .add(message.get("payload").get("data").elements().next().get("id").asText());
            }
            assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
            assertThat(heard).isEqualTo(new TreeMap<>(Map.of("username", List.of("anas"), "sub", List.of("anas"),
                    "both", List.of("anas"), "author", List.of("anas"), "everyone", List.of("bobs", "anas"),
                    "editor", List.of("shared"), "note", List.of("anas"))));

            ObjectNode listArgument = start("list", "subscription { onCreateDoc(editors: \"ana\") { id } }", Map.of());
            ((ObjectNode) listArgument.get("payload").get("extensions").get("authorization")).removeAll().put("Authorization", ana);
            connection.send(listArgument);
            JsonNode refused = connection.next();
            assertThat(refused.get("type").asText()).isEqualTo("error");
            assertThat(refused.toString()).contains("Unknown field argument 'editors'");
        }
    }

    /**
     * A subscription's filter sees what its subscriber may read: Support may read Ana's todos but
     * not their private note, so a filter on the note hears of hers as if it were empty: one
     * guessing the note right hears nothing, one guessing it wrong hears of it.
     */
    @Test
    void aSubscriptionFilterCannotReadFieldsHiddenFromItsSubscriber() throws Exception {
        try (SyncServer secured = SyncServer.builder(AuthTest.TODO_SCHEMA).port(0).database(temp.resolve("hidden.db"))
                .jwtSecret(AuthTest.SECRET).start()) {
            String ana = AuthTest.jwt("ana-sub", "ana", List.of());
            String support = AuthTest.jwt("help-sub", "helper", List.of("Support"));
            Connection connection = connect(secured, true, "{\"host\":\"127.0.0.1\",\"Authorization\":\"" + support + "\"}");
            Map<String, String> filters = new LinkedHashMap<>();
            filters.put("guessing", "{privateNote: {eq: \"secret\"}}");
            filters.put("empty", "{privateNote: {ne: \"secret\"}}");
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                ObjectNode start = start(filter.getKey(), "subscription { onCreateTodo(filter: " + filter.getValue()
                        + ") { id privateNote } }", Map.of());
                ((ObjectNode) start.get("payload").get("extensions").get("authorization")).removeAll().put("Authorization", support);
                connection.send(start);
                assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            }
            post(secured, ana, "mutation { createTodoList(input: {id: \"l\", title: \"a\"}) { id } }");
            post(secured, ana, "mutation { createTodo(input: {id: \"t\", listId: \"l\", description: \"d\", done: false,"
                    + " privateNote: \"secret\"}) { id } }");
            JsonNode heard = connection.next();
            assertThat(heard.get("id").asText()).isEqualTo("empty");
            assertThat(heard.get("payload").get("data").get("onCreateTodo").toString()).isEqualTo("{\"id\":\"t\",\"privateNote\":null}");
            assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).as("the guessing filter hears nothing").isNull();
        }
    }

    /**
     * A subscription ends when the token it was started with expires, with an error a client
     * answers by connecting again with a new token; a stopped one is not heard of again, and a
     * connection whose token has expired starts nothing more.
     */
    @Test
    void aSubscriptionEndsWhenItsTokenExpires() throws Exception {
        try (SyncServer secured = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("expiring.db"))
                .jwtSecret(AuthTest.SECRET).start()) {
            long expires = System.currentTimeMillis() / 1000 + 5; // time enough for what comes before it, on a slow machine
            String shortLived = AuthTest.signed(ProtocolTest.JSON.createObjectNode().put("sub", "ana-sub")
                    .put("cognito:username", "ana").put("exp", expires));
            Connection connection = connect(secured, true, "{\"host\":\"127.0.0.1\",\"Authorization\":\"" + shortLived + "\"}");
            for (String id : List.of("kept", "stopped")) {
                ObjectNode start = start(id, "subscription { onCreatePost { id } }", Map.of());
                ((ObjectNode) start.get("payload").get("extensions").get("authorization")).removeAll()
                        .put("Authorization", shortLived);
                connection.send(start);
                assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            }
            connection.send(ProtocolTest.JSON.createObjectNode().put("type", "stop").put("id", "stopped"));
            assertThat(connection.next().get("type").asText()).isEqualTo("complete");
            post(secured, AuthTest.jwt("ana-sub", "ana", List.of()), "mutation { createPost(input: {id: \"before\", title: \"b\","
                    + " status: DRAFT}) { id } }");
            assertThat(connection.next().get("payload").get("data").get("onCreatePost").get("id").asText()).isEqualTo("before");

            JsonNode ended = connection.next(); // within 10 s; the token expires within 5
            assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(expires * 1000);
            assertThat(ended.get("type").asText()).isEqualTo("error");
            assertThat(ended.get("id").asText()).isEqualTo("kept");
            assertThat(ended.get("payload").get("errors").get(0).get("errorType").asText()).isEqualTo("UnauthorizedException");

            post(secured, AuthTest.jwt("ana-sub", "ana", List.of()), "mutation { createPost(input: {id: \"after\", title: \"a\","
                    + " status: DRAFT}) { id } }");
            ObjectNode again = start("again", "subscription { onCreatePost { id } }", Map.of());
            ((ObjectNode) again.get("payload")).remove("extensions"); // as the connection: its token
            connection.send(again);
            JsonNode refused = connection.next();
            assertThat(refused.get("type").asText()).isEqualTo("error");
            assertThat(refused.get("id").asText()).isEqualTo("again");
            assertThat(refused.toString()).contains("UnauthorizedException", "the token has expired");
            assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).as("nothing more: no record, no second error").isNull();
        }
    }

    /**
     * An API key withdrawn from the keys file opens nothing more on connections opened with it:
     * its subscriptions end with an error at the next record they would hear of, and a start
     * relying on it is refused, while a start naming a key still taken is served.
     */
    @Test
    void subscriptionsOfAWithdrawnApiKeyEnd() throws Exception {
        Path keys = Files.writeString(temp.resolve("api-keys"), "da2-leaked\nda2-next\n");
        try (SyncServer secured = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("withdrawn.db"))
                .apiKeysFile(keys).jwtSecret(AuthTest.SECRET).start()) {
            String ana = AuthTest.jwt("ana-sub", "ana", List.of());
            Connection connection = connect(secured, true, "{\"host\":\"127.0.0.1\",\"x-api-key\":\"da2-leaked\"}");
            ObjectNode own = start("own", "subscription { onCreatePost { id } }", Map.of());
            ((ObjectNode) own.get("payload").get("extensions").get("authorization")).put("x-api-key", "da2-leaked");
            ObjectNode connections = start("connection's", "subscription { onCreatePost { id } }", Map.of());
            ((ObjectNode) connections.get("payload")).remove("extensions");
            for (ObjectNode start : List.of(own, connections)) {
                connection.send(start);
                assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            }
            post(secured, ana, "mutation { createPost(input: {id: \"before\", title: \"b\", status: DRAFT}) { id } }");
            for (int i = 0; i < 2; i++) {
                assertThat(connection.next().get("payload").get("data").get("onCreatePost").get("id").asText()).isEqualTo("before");
            }

            Files.writeString(keys, "da2-next\n");
            Files.setLastModifiedTime(keys, FileTime.fromMillis(System.currentTimeMillis() + 2_000));
            awaitRefused(secured, "x-api-key", "da2-leaked"); // the server has read the file again
            post(secured, ana, "mutation { createPost(input: {id: \"after\", title: \"a\", status: DRAFT}) { id } }");
            Set<String> ended = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                JsonNode error = connection.next();
                assertThat(error.get("type").asText()).isEqualTo("error");
                assertThat(error.get("payload").get("errors").get(0).get("errorType").asText()).isEqualTo("UnauthorizedException");
                assertThat(error.get("payload").get("errors").get(0).get("message").asText())
                        .isEqualTo("the API key has been withdrawn; subscribe again with another");
                ended.add(error.get("id").asText());
            }
            assertThat(ended).containsExactlyInAnyOrder("own", "connection's");

            ObjectNode again = start("again", "subscription { onCreatePost { id } }", Map.of());
            ((ObjectNode) again.get("payload")).remove("extensions"); // as the connection: its withdrawn key
            connection.send(again);
            JsonNode refused = connection.next();
            assertThat(refused.get("id").asText()).isEqualTo("again");
            assertThat(refused.toString()).contains("UnauthorizedException");
            ObjectNode next = start("next", "subscription { onCreatePost { id } }", Map.of());
            ((ObjectNode) next.get("payload").get("extensions").get("authorization")).put("x-api-key", "da2-next");
            connection.send(next);
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            post(secured, ana, "mutation { createPost(input: {id: \"third\", title: \"t\", status: DRAFT}) { id } }");
            JsonNode heard = connection.next();
            assertThat(heard.get("id").asText()).isEqualTo("next");
            assertThat(heard.get("payload").get("data").get("onCreatePost").get("id").asText()).isEqualTo("third");
            assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }
    }

    /**
     * A subscription started with a token ends at the next record it would hear of once the
     * secret (HS256) or the key (RS256, JWKS) that signed the token is withdrawn from the server's
     * files, while one whose signer is still taken goes on. Ana signs with HS256 secrets, and the
     * user rsa with RS256 keys; each hears of their own posts.
     */
    @Test
    void subscriptionsEndWhenTheKeyThatSignedTheirTokenIsWithdrawn() throws Exception {
        String oldSecret = "the old HS256 secret, of 32 bytes or more";
        String keptSecret = "the kept HS256 secret, of 32 bytes or more";
        Path secrets = Files.writeString(temp.resolve("jwt-secrets"), oldSecret + "\n" + keptSecret + "\n");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair oldPair = generator.generateKeyPair();
        KeyPair newPair = generator.generateKeyPair();
        Path jwks = Files.writeString(temp.resolve("jwks.json"), AuthTest.jwks(Map.of("k1", oldPair)));
        ObjectNode claims = ProtocolTest.JSON.createObjectNode().put("sub", "ana-sub").put("cognito:username", "ana")
                .put("exp", System.currentTimeMillis() / 1000 + 3600);
        String kept = AuthTest.signed(claims, keptSecret);
        Map<String, String> tokens = Map.of("hs-old", AuthTest.signed(claims, oldSecret), "hs-kept", kept,
                "rs-old", AuthTest.rs256("k1", oldPair));
        String createPost = "mutation { createPost(input: {title: \"t\", status: DRAFT}) { id } }";
        try (SyncServer secured = SyncServer.builder(ProtocolTest.BLOG).port(0).database(temp.resolve("signers.db"))
                .jwtSecretsFile(secrets).jwks(jwks).start()) {
            Connection connection = connect(secured, true, "{\"host\":\"127.0.0.1\",\"Authorization\":\"" + kept + "\"}");
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                ObjectNode start = start(token.getKey(), "subscription { onCreatePost { id } }", Map.of());
                ((ObjectNode) start.get("payload").get("extensions").get("authorization")).removeAll()
                        .put("Authorization", token.getValue());
                connection.send(start);
                assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
            }
            post(secured, kept, createPost);
            post(secured, tokens.get("rs-old"), createPost);
            assertThat(messagesById(connection, 3).keySet()).isEqualTo(tokens.keySet());

            Files.writeString(secrets, keptSecret + "\n");
            Files.setLastModifiedTime(secrets, FileTime.fromMillis(System.currentTimeMillis() + 2_000));
            Files.writeString(jwks, AuthTest.jwks(Map.of("k2", newPair)));
            Files.setLastModifiedTime(jwks, FileTime.fromMillis(System.currentTimeMillis() + 2_000));
            awaitRefused(secured, "Authorization", tokens.get("hs-old")); // the server has read both files again
            awaitRefused(secured, "Authorization", tokens.get("rs-old"));
            post(secured, kept, createPost);
            post(secured, AuthTest.rs256("k2", newPair), createPost);
            Map<String, JsonNode> after = messagesById(connection, 3);
            assertThat(after.get("hs-kept").get("type").asText()).isEqualTo("data");
            for (String ended : List.of("hs-old", "rs-old")) {
                assertThat(after.get(ended).get("type").asText()).isEqualTo("error");
                assertThat(after.get(ended).get("payload").get("errors").get(0).get("message").asText())
                        .isEqualTo("the key that signed the token has been withdrawn; subscribe again with a new token");
            }
            assertThat(connection.messages.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }
    }

    /** The next {@code count} messages, by subscription id. */
    private static Map<String, JsonNode> messagesById(Connection connection, int count) throws InterruptedException {
        Map<String, JsonNode> messages = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            JsonNode message = connection.next();
            messages.put(message.get("id").asText(), message);
        }
        return messages;
    }

    /**
     * Asks a query with {@code header: value} every 100 ms until it is refused (401), as once the
     * server has read its changed files (within a second of a request); fails after 10 s.
     */
    private static void awaitRefused(SyncServer server, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.endpoint()).header("content-type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ listPosts { items { id } } }\"}")).build();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        while ((status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()) != 401
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(status).as("%s refused within 10 s", header).isEqualTo(401);
    }

    private static void post(SyncServer server, String jwt, String query) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
                .header("content-type", "application/json").header("Authorization", jwt)
                .POST(HttpRequest.BodyPublishers.ofString(
                        ProtocolTest.JSON.createObjectNode().put("query", query).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain("errors");
    }

    @Test
    void aConnectionHoldsAtMostAHundredSubscriptions() throws Exception {
        Connection connection = connect(true);
        for (int i = 0; i < RealtimeSession.MAX_SUBSCRIPTIONS; i++) {
            connection.send(start("s" + i, "subscription { onCreatePost { id } }", Map.of()));
            assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
        }
        connection.send(start("one-more", "subscription { onCreatePost { id } }", Map.of()));
        JsonNode refused = connection.next();
        assertThat(refused.get("id").asText()).isEqualTo("one-more");
        assertThat(refused.get("payload").get("errors").get(0).get("errorType").asText()).isEqualTo("LimitExceeded");
        connection.send(ProtocolTest.JSON.createObjectNode().put("type", "stop").put("id", "s0"));
        assertThat(connection.next().get("type").asText()).isEqualTo("complete");
        connection.send(start("one-more", "subscription { onCreatePost { id } }", Map.of()));
        assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
    }

    @Test
    void badStartsGetErrorsAndIdleConnectionsGetKeepAlives() throws Exception {
        Connection connection = connect(true);
        connection.send(start("bad", "subscription { onCreatePost { nope } }", Map.of()));
        JsonNode error = connection.next();
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("id").asText()).isEqualTo("bad");
        assertThat(error.get("payload").get("errors").get(0).get("message").asText()).contains("nope");
        connection.send(start("q", "{ listPosts { items { id } } }", Map.of()));
        assertThat(connection.next().get("payload").get("errors").get(0).get("message").asText())
                .isEqualTo("only subscription operations can be started");
        connection.socket.sendText("not json", true).join();
        assertThat(connection.next().get("payload").get("errors").get(0).get("errorType").asText()).isEqualTo("MalformedMessage");
        // variables that are not an object: an error for that start, and the connection serves on (it was
        // closed with 1011, ending every subscription it held)
        ObjectNode notAnObject = start("v", "subscription { onCreatePost { id } }", Map.of());
        ((ObjectNode) notAnObject.get("payload")).put("data", "{\"query\": \"subscription { onCreatePost { id } }\", \"variables\": true}");
        connection.send(notAnObject);
        assertThat(connection.next().get("payload").get("errors").get(0).get("message").asText())
                .isEqualTo("the variables in payload.data must be an object");
        connection.send(start("after", "subscription { onCreatePost { id } }", Map.of()));
        assertThat(connection.next().get("type").asText()).isEqualTo("start_ack");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connection.keepAlives < 2 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // keep-alives come every 300 ms here
        }
        assertThat(connection.keepAlives).isGreaterThanOrEqualTo(2);
    }

    /**
     * A subscriber that hears nothing keeps its connection: the keep-alives count as traffic, and
     * the server cuts a connection only after it carried no frame for the connection timeout the
     * client was told (five keep-alive intervals; 1.5 s here). Jetty's own default, 30 s, cut an
     * idle subscriber before its first keep-alive, which by default comes after a minute.
     */
    @Test
    void anIdleSubscriberKeepsItsConnectionAndAConnectionWithoutFramesIsCut() throws Exception {
        Connection subscriber = connect(true);
        subscriber.send(start("quiet", "subscription { onCreatePost { id } }", Map.of()));
        assertThat(subscriber.next().get("type").asText()).isEqualTo("start_ack");
        // connection_init is optional: one that starts at once gets keep-alives too
        Connection withoutInit = new Connection();
        withoutInit.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-ws")
                .buildAsync(realtimeUri(server, "{\"x-api-key\":\"da2-test\"}"), withoutInit).get(10, TimeUnit.SECONDS);
        withoutInit.send(start("at-once", "subscription { onCreatePost { id } }", Map.of()));
        assertThat(withoutInit.next().get("type").asText()).isEqualTo("start_ack");
        TimeUnit.MILLISECONDS.sleep(4_000); // over twice the connection timeout
        http.graphql("mutation { createPost(input: {id: \"late\", title: \"after a quiet while\", status: DRAFT}) { id } }");
        assertThat(subscriber.next().at("/payload/data/onCreatePost/id").asText()).isEqualTo("late");
        assertThat(withoutInit.next().at("/payload/data/onCreatePost/id").asText()).isEqualTo("late");

        // A connection that says nothing (no connection_init, no start) gets no keep-alives, and is cut after the timeout.
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        long opened = System.nanoTime();
        HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-ws").buildAsync(realtimeUri(server, "{\"x-api-key\":\"da2-test\"}"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        closed.get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)).isBetween(1_000L, 9_000L);
    }

    /** The real-time endpoint with {@code header} (the auth) in its query, as Amplify sends it. */
    private static URI realtimeUri(SyncServer server, String header) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/graphql/realtime?header="
                + Base64.getEncoder().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "&payload=e30=");
    }
}
