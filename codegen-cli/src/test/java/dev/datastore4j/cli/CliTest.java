package dev.datastore4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.StringField;
import dev.datastore4j.store.DataStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The CLI through picocli's {@code execute()}, with stdout and stderr captured. */
class CliTest {
    private static final Path SCHEMAS = Path.of("..", "test-schemas", "schemas").toAbsolutePath().normalize();
    private static final Path GOLDEN = Path.of("..", "test-schemas", "golden").toAbsolutePath().normalize();
    private static final String BLOG = ServeProcess.BLOG;

    @TempDir
    Path temp;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Datastore4j.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: datastore4j", "generate", "validate", "api-schema", "outbox",
                "3   invalid schema");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void subcommandHelpDescribesItsOptions() {
        Run run = run("generate", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--schema=<file|dir>", "--out=<dir>", "--package=<java.package>");
    }

    /** A model written by hand, as generated ones are, for a store file with an outbox. */
    record Note(String id, String text) implements Model {
        static final StringField<Note> ID = ModelField.ofString("id", FieldType.ID, Note::id, FieldFlag.REQUIRED);
        static final StringField<Note> TEXT = ModelField.ofString("text", FieldType.STRING, Note::text);
        static final ModelRegistry REGISTRY = ModelRegistry.of("notes", List.of(ModelSchema.builder(Note.class, "Note",
                "Notes").fields(ID, TEXT).primaryKey(ID).operations(new ModelOperations("getNote", "listNotes",
                "syncNotes", "createNote", "updateNote", "deleteNote", "onCreateNote", "onUpdateNote", "onDeleteNote"))
                .factory(v -> new Note(v.get(ID), v.get(TEXT))).build()));
    }

    @Test
    void outboxPrintsThePendingMutationsOfAStoreFile() throws Exception {
        Path db = temp.resolve("notes.db");
        try (DataStore store = DataStore.open(Note.REGISTRY, db)) {
            store.save(new Note("n1", "sent"));
            store.outbox().remove(store.outbox().next().orElseThrow());
            store.save(new Note("n1", "changed \"offline\""), Note.TEXT.eq("sent"));
            store.save(new Note("n2", "new"));
            store.outbox().next(); // the first is being sent
            Run run = run("outbox", db.toString());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out().lines()).containsExactly(
                    "{\"sequence\":2,\"model\":\"Note\",\"recordId\":\"n1\",\"type\":\"UPDATE\",\"inFlight\":true,"
                            + "\"data\":{\"id\":\"n1\",\"text\":\"changed \\\"offline\\\"\"},"
                            + "\"condition\":{\"text\":{\"eq\":\"sent\"}}}",
                    "{\"sequence\":3,\"model\":\"Note\",\"recordId\":\"n2\",\"type\":\"CREATE\",\"inFlight\":false,"
                            + "\"data\":{\"id\":\"n2\",\"text\":\"new\"},\"condition\":null}");
            assertThat(run.err()).isEqualTo("datastore4j: 2 mutations wait in " + db + System.lineSeparator());
        }
        Path missing = temp.resolve("missing.db");
        Run none = run("outbox", missing.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("datastore4j: cannot read " + missing + ": no such file");
        Path schema = Path.of(BLOG);
        Run notAStore = run("outbox", schema.toString());
        assertThat(notAStore.exitCode()).isEqualTo(1);
        assertThat(notAStore.err()).contains("datastore4j: cannot read " + schema + ": not a database, or corrupt");
        assertThat(run("outbox", "--help").out()).contains("Usage: datastore4j outbox", "<file>", "aside when it could not migrate");
    }

    /**
     * A running server's database copied while it answers mutations: the copy holds every post
     * created before the copy began, and once restored in the database's place, a server started
     * on it serves them.
     */
    @Test
    @Timeout(120)
    void backupCopiesTheDatabaseOfARunningServerAndRestorePutsItBack() throws Exception {
        Path database = temp.resolve("server.db");
        Path copy = temp.resolve("backups").resolve("server-copy.db");
        Files.createDirectories(copy.getParent());
        List<String> before = new ArrayList<>();
        Process server = ServeProcess.builder("--database", database.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            URI endpoint = URI.create(ServeProcess.endpoint(ServeProcess.banner(out)));
            for (int i = 0; i < 50; i++) {
                before.add(createPost(endpoint, "before " + i));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    createPost(endpoint, "during " + i);
                }
            });
            writer.start();
            Run backup = run("backup", database.toString(), copy.toString());
            writing.set(false);
            writer.join();
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            assertThat(backup.err()).startsWith("datastore4j: copied " + database + " to " + copy + " (").endsWith(
                    " bytes, checked)" + System.lineSeparator());
            Run whileServing = run("restore", copy.toString(), database.toString());
            assertThat(whileServing.exitCode()).isEqualTo(1);
            assertThat(whileServing.err()).startsWith("datastore4j: cannot restore " + database + ": it is in use");
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Run restore = run("restore", copy.toString(), database.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.err()).startsWith("datastore4j: restored " + database + " from " + copy
                + "; the database it replaced is set aside as " + database + ".replaced-");
        Process restored = ServeProcess.builder("--database", database.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(restored.getInputStream(), StandardCharsets.UTF_8))) {
            URI endpoint = URI.create(ServeProcess.endpoint(ServeProcess.banner(out)));
            String posts = graphql(endpoint, "{ listPosts(limit: 1000) { items { id } } }");
            assertThat(before).allSatisfy(id -> assertThat(posts).contains("\"" + id + "\""));
        } finally {
            restored.destroy();
            assertThat(restored.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Run again = run("backup", database.toString(), copy.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains(copy + " exists; name a new file");
        assertThat(run("backup", "--help").out()).contains("Usage: datastore4j backup", "<database> <copy>", "pg_dump");
        assertThat(run("restore", "--help").out()).contains("Usage: datastore4j restore", "<copy> <database>", "set aside");
    }

    /**
     * {@code serve --watch}: a new model in the schema's file is served on the same address and
     * database, with no request refused meanwhile; a schema with errors, and one the stored records
     * do not fit, are reported and the schema before them served on.
     */
    @Test
    @Timeout(120)
    void serveWatchServesTheSchemaAnewWhenItsFileChanges() throws Exception {
        Path schema = Files.copy(Path.of(BLOG), temp.resolve("schema.graphql"));
        String tag = "\ntype Tag @model {\n  id: ID!\n  label: String!\n}\n";
        Process server = ServeProcess.forSchema(schema.toString(), "--watch", "--database", temp.resolve("server.db").toString())
                .start();
        endAfter(server, 90); // a line that never comes must not hold the read below forever
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> banner = ServeProcess.banner(out);
            URI endpoint = URI.create(ServeProcess.endpoint(banner));
            assertThat(ServeProcess.models(banner)).isEqualTo(3);
            createPost(endpoint, "kept");

            // requests sent one after another while the schema changes: each is answered, none refused
            List<String> answers = new ArrayList<>();
            AtomicBoolean changed = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                while (!changed.get()) {
                    String answer;
                    try {
                        answer = graphql(endpoint, "{ listPosts { items { title } } }");
                    } catch (AssertionError e) {
                        answer = e.getCause().toString();
                    }
                    answers.add(answer);
                }
            });
            reader.start();
            Files.writeString(schema, tag, StandardOpenOption.APPEND);
            assertThat(linesUntil(out, "datastore4j: the schema changed")).isEmpty();
            changed.set(true);
            reader.join();
            assertThat(answers).isNotEmpty().allSatisfy(answer -> assertThat(answer).contains("kept"));
            banner = ServeProcess.banner(out);
            assertThat(ServeProcess.models(banner)).isEqualTo(4);
            assertThat(ServeProcess.endpoint(banner)).as("the same address").isEqualTo(endpoint.toString());
            assertThat(graphql(endpoint, "mutation { createTag(input: {id: \"t1\", label: \"x\"}) { id } }"))
                    .isEqualTo("{\"data\":{\"createTag\":{\"id\":\"t1\"}}}");
            assertThat(graphql(endpoint, "{ listPosts { items { title } } }")).as("the same database").contains("kept");

            String valid = Files.readString(schema);
            Files.writeString(schema, valid.replace("label: String!", "label: Strin!"));
            assertThat(linesUntil(out, "datastore4j: still serving the schema as it was"))
                    .anySatisfy(line -> assertThat(line).contains("error[unknown-type]: unknown type Strin"));
            assertThat(graphql(endpoint, "{ listTags { items { id } } }")).contains("t1");

            Files.writeString(schema, valid.replace("label: String!", "label: String!\n  color: String!"));
            assertThat(linesUntil(out, "; still serving the schema as it was"))
                    .as("a required field the stored tag lacks, with no default").isEmpty();
            assertThat(graphql(endpoint, "{ listTags { items { id label } } }")).contains("t1");
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A folder named as the schema: a file renamed into it (as editors save) counts, in a folder made after the start too. */
    @Test
    @Timeout(120)
    void serveWatchSeesFilesRenamedIntoTheSchemaFolder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("schema"));
        Files.copy(Path.of(BLOG), folder.resolve("blog.graphql"));
        Process server = ServeProcess.forSchema(folder.toString(), "--watch", "--database", temp.resolve("server.db").toString())
                .start();
        endAfter(server, 90);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(ServeProcess.models(ServeProcess.banner(out))).isEqualTo(3);
            Path nested = Files.createDirectories(folder.resolve("more"));
            Path draft = Files.writeString(temp.resolve("tags.graphql.tmp"), "type Tag @model {\n  id: ID!\n}\n");
            Files.move(draft, nested.resolve("tags.graphql"), StandardCopyOption.ATOMIC_MOVE);
            assertThat(linesUntil(out, "datastore4j: the schema changed")).isEmpty();
            assertThat(ServeProcess.models(ServeProcess.banner(out))).isEqualTo(4);
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * {@code generate --watch}: the models follow the schema's file, a model added and then
     * removed (its file with it); a schema with errors leaves the files as they were.
     */
    @Test
    @Timeout(120)
    void generateWatchGeneratesAgainWhenTheSchemaChanges() throws Exception {
        Path schema = Files.copy(Path.of(BLOG), temp.resolve("schema.graphql"));
        String original = Files.readString(schema);
        Path out = temp.resolve("out");
        Path tag = out.resolve("com/example/blog/Tag.java");
        Process generator = ServeProcess.cli("generate", "--watch", "-s", schema.toString(), "-o", out.toString(),
                "-p", "com.example.blog").start();
        endAfter(generator, 90);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(linesUntil(lines, "datastore4j: 3 models, 5 files in")).isEmpty();

            Files.writeString(schema, original + "\ntype Tag @model {\n  id: ID!\n}\n");
            assertThat(linesUntil(lines, "datastore4j: 4 models, 6 files in")).isEmpty();
            assertThat(tag).isRegularFile();

            Files.writeString(schema, original + "\ntype Tag @model {\n  id: ID!\n  label: Strin\n}\n");
            assertThat(linesUntil(lines, "the files generated before stay as they were"))
                    .anySatisfy(line -> assertThat(line).contains("unknown type Strin"));
            assertThat(tag).isRegularFile();

            Files.writeString(schema, original);
            assertThat(linesUntil(lines, "datastore4j: 3 models, 5 files in")).isEmpty();
            assertThat(tag).doesNotExist();
        } finally {
            generator.destroy();
            assertThat(generator.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Ends {@code server} after {@code seconds}, should it still run: reading its output blocks
     * until a line comes, and JUnit's timeout cannot interrupt that read; its end does.
     */
    private static void endAfter(Process server, long seconds) {
        CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS).execute(server::destroy);
    }

    /** The lines {@code out} prints before the first that contains {@code marker} (read too). */
    private static List<String> linesUntil(BufferedReader out, String marker) throws IOException {
        List<String> before = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains(marker)) {
                return before;
            }
            before.add(line);
        }
        throw new AssertionError("the server ended before printing " + marker + ": " + before);
    }

    /** The id of a post created through {@code endpoint}. */
    private static String createPost(URI endpoint, String title) {
        String answer = graphql(endpoint, "mutation { createPost(input: {title: \"" + title + "\", status: DRAFT}) { id } }");
        assertThat(answer).startsWith("{\"data\":{\"createPost\":{\"id\":\"");
        return answer.replaceFirst(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static String graphql(URI endpoint, String query) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of("query", query))))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the server did not answer " + query, e);
        }
    }

    @Test
    void serveChecksItsOptionsBeforeStarting() {
        Run run = run("serve", "--schema", BLOG, "--delta-retention", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a duration: soon (use 45s, 30m, 2h, 1d or ISO-8601 such as PT30M)");
        Run jwks = run("serve", "--schema", BLOG, "--port", "0", "--jwks", "no-such-jwks.json");
        assertThat(jwks.exitCode()).isEqualTo(2);
        assertThat(jwks.err()).contains("cannot read the JWKS file no-such-jwks.json: no such file");
        Run keys = run("serve", "--schema", BLOG, "--port", "0", "--api-keys-file", "no-such-keys");
        assertThat(keys.exitCode()).isEqualTo(2);
        assertThat(keys.err()).contains("cannot read the API keys file no-such-keys: no such file");
        Run secrets = run("serve", "--schema", BLOG, "--port", "0", "--jwt-secrets-file", "no-such-secrets");
        assertThat(secrets.exitCode()).isEqualTo(2);
        assertThat(secrets.err()).contains("cannot read the JWT secrets file no-such-secrets: no such file");
        Run retention = run("serve", "--schema", BLOG, "--port", "0", "--tombstone-retention", "1m");
        assertThat(retention.exitCode()).isEqualTo(2);
        assertThat(retention.err()).contains("must be at least the delta retention");
        Run noPassword = run("serve", "--schema", BLOG, "--port", "0", "--tls-keystore", "server.p12");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err()).startsWith("the TLS key store server.p12 needs its password");
        Run noKeyStore = run("serve", "--schema", BLOG, "--port", "0", "--database", temp.resolve("tls.db").toString(),
                "--tls-keystore", "no-such.p12", "--tls-keystore-password", "secret");
        assertThat(noKeyStore.exitCode()).isEqualTo(1);
        assertThat(noKeyStore.err()).startsWith("datastore4j: cannot read the TLS key store no-such.p12 (PKCS#12): no such file");
        Run port = run("serve", "--schema", BLOG, "--port", "99999");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).startsWith("the port must be 0 (any free port) to 65535, not 99999");
        Run mysql = run("serve", "--schema", BLOG, "--port", "0", "--database", "jdbc:mysql://localhost/app");
        assertThat(mysql.exitCode()).isEqualTo(2);
        assertThat(mysql.err()).startsWith("not a PostgreSQL JDBC URL: jdbc:mysql://localhost/app; the server keeps its"
                + " records in a SQLite file or a PostgreSQL database");
        Run strategy = run("serve", "--schema", BLOG, "--conflict-strategy", "LAST_WRITER");
        assertThat(strategy.exitCode()).isEqualTo(2);
        assertThat(strategy.err()).contains("--conflict-strategy", "expected one of [OPTIMISTIC_CONCURRENCY, AUTOMERGE, CUSTOM]");
    }

    /**
     * The request limits, real-time backlog, keep-alive and retentions are options of {@code serve}:
     * each given here far from its default, and each seen to hold in a real server process (the
     * retentions in its banner, as a user would write them).
     */
    @Test
    @Timeout(60)
    void serveTakesItsLimitsAsOptions() throws Exception {
        Process server = ServeProcess.builder("--database", temp.resolve("limits.db").toString(), "--max-request-size", "2KiB",
                "--max-response-size", "1k", "--max-query-depth", "3", "--max-query-fields", "8", "--max-unsent-size", "300",
                "--keep-alive", "2s", "--delta-retention", "PT90M", "--tombstone-retention", "48h").start();
        endAfter(server, 50);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> banner = ServeProcess.banner(out);
            assertThat(banner).contains("  conflicts: AUTOMERGE, delta sync window 90m, tombstones kept 2d");
            URI endpoint = URI.create(ServeProcess.endpoint(banner));
            String padding = " ".repeat(2048);
            assertThat(graphql(endpoint, "{ listPosts { items { id } } }" + padding))
                    .contains("BadRequest", "request body is larger than 2048 bytes");
            assertThat(graphql(endpoint, "{ listPosts { items { blog { id } } } }"))
                    .contains("maximum query depth exceeded: 4 > 3");
            assertThat(graphql(endpoint, "{ listPosts { items { id title content rating status tags publishedOn } } }"))
                    .contains("maximum query complexity exceeded: 9 fields > 8");

            RealtimeClient subscriber = RealtimeClient.connect(endpoint);
            assertThat(subscriber.next().toString()).as("five keep-alives of 2 s")
                    .isEqualTo("{\"type\":\"connection_ack\",\"payload\":{\"connectionTimeoutMs\":10000}}");
            subscriber.send("{\"type\":\"start\",\"id\":\"s1\",\"payload\":{\"data\":\"{\\\"query\\\":"
                    + "\\\"subscription { onCreatePost { id content } }\\\"}\",\"extensions\":{\"authorization\":"
                    + "{\"host\":\"127.0.0.1\"}}}}");
            assertThat(subscriber.next().path("type").asText()).isEqualTo("start_ack");

            String content = "x".repeat(600); // a post of 600 characters: under 1 KiB, and its message over 300 bytes
            graphql(endpoint, "mutation { createPost(input: {title: \"a\", content: \"" + content + "\", status: DRAFT}) { id } }");
            assertThat(subscriber.closed.get(10, TimeUnit.SECONDS)).as("cut: its message is larger than --max-unsent-size")
                    .isTrue();
            createPost(endpoint, "b");
            assertThat(graphql(endpoint, "{ a: listPosts { items { content } } b: listPosts { items { content } } }"))
                    .as("the first list holds 600 characters of the 1 KiB; the second goes past it")
                    .contains(content, "BadRequest");
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Run size = run("serve", "--schema", BLOG, "--max-request-size", "2 parsecs");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("--max-request-size", "not a size: 2 parsecs (use a number of bytes, or of KiB, MiB or"
                + " GiB, such as 512KiB or 4MiB)");
        Run tooLarge = run("serve", "--schema", BLOG, "--port", "0", "--max-request-size", "2GiB");
        assertThat(tooLarge.exitCode()).isEqualTo(2);
        assertThat(tooLarge.err()).startsWith("the largest request body must be 1 byte to 1 GiB (a body is held in memory"
                + " whole), not 2147483648 bytes");
        Run depth = run("serve", "--schema", BLOG, "--port", "0", "--max-query-depth", "0");
        assertThat(depth.exitCode()).isEqualTo(2);
        assertThat(depth.err()).startsWith("the deepest query must be 1 level or more, not 0");
        Run keepAlive = run("serve", "--schema", BLOG, "--port", "0", "--keep-alive", "2d");
        assertThat(keepAlive.exitCode()).isEqualTo(2);
        assertThat(keepAlive.err()).startsWith("the keep-alive interval must be 1 ms to 1 day, not PT48H");
        assertThat(run("serve", "--help").out()).contains("--max-request-size=<size>", "--keep-alive=<duration>",
                "(default: 1MiB)");
    }

    /** A client of AppSync's real-time protocol, for the server a {@code serve} process runs. */
    private static final class RealtimeClient implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Boolean> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        /** Connected, and its {@code connection_init} sent. */
        static RealtimeClient connect(URI endpoint) throws Exception {
            RealtimeClient client = new RealtimeClient();
            String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"host\":\"127.0.0.1\"}".getBytes(
                    StandardCharsets.UTF_8));
            client.socket = HTTP.newWebSocketBuilder().subprotocols("graphql-ws", "header-" + header)
                    .buildAsync(URI.create(endpoint.toString().replaceFirst("^http", "ws") + "/realtime"), client)
                    .get(10, TimeUnit.SECONDS);
            client.send("{\"type\":\"connection_init\"}");
            return client;
        }

        void send(String message) {
            socket.sendText(message, true).join();
        }

        /** The next message other than a keep-alive. */
        JsonNode next() throws Exception {
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = new ObjectMapper().readTree(partial.toString());
                    if (!message.path("type").asText().equals("ka")) {
                        messages.add(message);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(true);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) { // a connection cut without a close frame
            closed.complete(true);
        }
    }

    @Test
    void serveRefusesASchemaWithoutModels() throws IOException {
        Path schema = Files.writeString(temp.resolve("plain.graphql"), "type Address { street: String }\n");
        Run run = run("serve", "--schema", schema.toString(), "--port", "0", "--database", temp.resolve("s.db").toString());
        assertThat(run.exitCode()).isEqualTo(Datastore4j.INVALID_SCHEMA);
        assertThat(run.err()).contains("warning[no-models]")
                .endsWith("datastore4j: the schema declares no @model type: there is nothing to serve" + System.lineSeparator());
    }

    @Test
    void serveSaysWhyItCannotStartInOneLine() {
        Run run = run("serve", "--schema", BLOG, "--port", "0", "--database", temp.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("datastore4j: cannot open the server database " + temp
                + ": it is a folder; name a database file in it" + System.lineSeparator());
    }

    /**
     * Secrets need not go on a command line, which any user of the machine can read: the API key
     * (and the JWT secret, and a database URL holding a password) come from the environment too.
     * A real {@code serve} process, since the environment is the process's.
     */
    @Test
    void serveTakesSecretsFromTheEnvironment() throws Exception {
        Path database = temp.resolve("from-env.db");
        ProcessBuilder builder = ServeProcess.builder();
        builder.environment().put("DATASTORE4J_API_KEY", "from-the-environment,its-successor");
        builder.environment().put("DATASTORE4J_DATABASE", database.toString());
        Process server = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> banner = ServeProcess.banner(out);
            assertThat(banner).contains("  database: " + database + " (SQLite)");
            // API keys only: the blog's owners cannot sign in, which the server says before it serves
            assertThat(banner).contains("WARNING: no caller of this server may create, update or delete records of Blog, Post"
                    + " and Comment: owner rules need users' tokens, and the server takes none"
                    + " (jwtSecret or jwks, --jwt-secret or --jwks)");
            String endpoint = ServeProcess.endpoint(banner);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ listPosts { items { id } } }\"}"));
            assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("UnauthorizedException");
            assertThat(banner).contains("  auth: API keys (2)");
            for (String key : List.of("from-the-environment", "its-successor")) { // several keys, separated by commas
                assertThat(http.send(request.setHeader("x-api-key", key).build(), HttpResponse.BodyHandlers.ofString()).body())
                        .isEqualTo("{\"data\":{\"listPosts\":{\"items\":[]}}}");
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
    }

    /**
     * Several JWT secrets, while one replaces another: repeated on the command line, or a line
     * each in the environment variable (which a file read into it may end with a line break).
     */
    @Test
    @Timeout(60)
    void serveTakesSeveralJwtSecrets() throws Exception {
        String old = "the-secret-being-replaced-now-32-bytes";
        String successor = "the-secret-that-replaces-it-32-bytes";
        String database = temp.resolve("secrets.db").toString();
        assertThat(bannerOf("--database", database, "--jwt-secret", old, "--jwt-secret", successor))
                .contains("  auth: JWT (HS256, 2 secrets)");
        assertThat(bannerOf(Map.of("DATASTORE4J_JWT_SECRET", old + "\n" + successor + "\n"), "--database", database))
                .contains("  auth: JWT (HS256, 2 secrets)");
        Run shortOne = run("serve", "--schema", BLOG, "--port", "0", "--jwt-secret", old, "--jwt-secret", "short");
        assertThat(shortOne.exitCode()).isEqualTo(2);
        assertThat(shortOne.err()).startsWith("the JWT secret has 5 bytes; HS256 needs at least 32");
    }

    /**
     * An environment variable that is set but empty (a deployment whose secret did not arrive)
     * stops the server from starting, rather than start it with an empty API key, which every
     * request with an empty x-api-key header would pass.
     */
    @Test
    @Timeout(60)
    void serveRefusesAnEmptyApiKeyFromTheEnvironment() throws Exception {
        ProcessBuilder builder = ServeProcess.builder("--database", temp.resolve("empty-key.db").toString());
        builder.environment().put("DATASTORE4J_API_KEY", "");
        Process server = builder.start();
        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(server.waitFor()).isEqualTo(2);
        assertThat(output).startsWith("the API key is empty: a request with an empty x-api-key header would pass;"
                + " give a key, or none for no API key auth");
        assertThat(temp.resolve("empty-key.db")).doesNotExist();
    }

    /**
     * A JWKS file alone takes every token its keys signed, for any app: the server warns, and
     * {@code --jwt-issuer} and {@code --jwt-audience} narrow it to the app's own, as the banner says.
     */
    @Test
    @Timeout(60)
    void serveSaysWhoseTokensItTakes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        Path jwks = Files.writeString(temp.resolve("jwks.json"), "{\"keys\": [{\"kty\": \"RSA\", \"kid\": \"k1\", \"n\": \""
                + base64.encodeToString(key.getModulus().toByteArray()) + "\", \"e\": \""
                + base64.encodeToString(key.getPublicExponent().toByteArray()) + "\"}]}");
        String database = temp.resolve("jwks.db").toString();
        List<String> any = bannerOf("--database", database, "--jwks", jwks.toString());
        assertThat(any).contains("  auth: JWT (RS256, 1 key)")
                .anySatisfy(line -> assertThat(line).startsWith("WARNING: any token signed by a key of " + jwks
                        + " is taken, whichever app it was issued for"));
        List<String> scoped = bannerOf("--database", database, "--jwks", jwks.toString(),
                "--jwt-issuer", "https://id.example.com", "--jwt-audience", "app-1,app-2");
        assertThat(scoped).contains("  auth: JWT (RS256, 1 key), tokens of issuer https://id.example.com, tokens for app-1 or app-2")
                .noneSatisfy(line -> assertThat(line).contains("WARNING"));
        Run unchecked = run("serve", "--schema", BLOG, "--port", "0", "--api-key", "k", "--jwt-audience", "app-1");
        assertThat(unchecked.exitCode()).isEqualTo(2);
        assertThat(unchecked.err()).startsWith("a JWT issuer or audience is given, but no JWT secret or JWKS to check tokens with");
    }

    /** Web pages of other origins are refused unless named; the banner says which may call, the log which were refused. */
    @Test
    @Timeout(60)
    void serveAllowsTheWebOriginsItIsGiven() throws Exception {
        Process server = ServeProcess.builder("--database", temp.resolve("origins.db").toString(),
                "--allow-origin", "http://LOCALHOST:3000/,https://app.example.com").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> banner = ServeProcess.banner(out);
            assertThat(banner.get(banner.size() - 1))
                    .isEqualTo("  web pages: of http://localhost:3000, https://app.example.com may call the server");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ServeProcess.endpoint(banner)))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ listPosts { items { id } } }\"}"));
            HttpResponse<String> allowed = HttpClient.newHttpClient().send(request.header("origin", "http://localhost:3000")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.headers().firstValue("access-control-allow-origin")).hasValue("http://localhost:3000");
            assertThat(HttpClient.newHttpClient().send(request.setHeader("origin", "https://evil.example").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            String warning = out.readLine();
            while (!warning.contains("WARNING")) { // the logger's line naming where, then its message
                warning = out.readLine();
            }
            assertThat(warning).endsWith("refused requests from web pages of https://evil.example; allow the origin where"
                    + " the server starts (datastore4j serve --allow-origin https://evil.example)");
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Run refused = run("serve", "--schema", BLOG, "--port", "0", "--allow-origin", "localhost:3000");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("not a web origin: 'localhost:3000'");
        assertThat(run("serve", "--help").out()).contains("--allow-origin=<origin>", "By default requests from web pages of other origins");
    }

    /** {@code --metrics} serves GET /metrics, and the banner says where. */
    @Test
    @Timeout(60)
    void serveServesMetricsWhenAsked() throws Exception {
        Process server = ServeProcess.builder("--database", temp.resolve("metrics.db").toString(), "--metrics").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String endpoint = ServeProcess.endpoint(ServeProcess.banner(out));
            String metrics = endpoint.replaceFirst("/graphql$", "/metrics");
            assertThat(out.readLine()).isEqualTo("  metrics: " + metrics);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("# TYPE datastore4j_operations_total counter", "datastore4j_realtime_connections 0");
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(run("serve", "--help").out()).contains("--metrics", "It takes no credentials");
    }

    /**
     * {@code --conflict-strategy CUSTOM} with a resolver of the user's own, compiled here into a jar
     * of its own: the CLI, run with {@code java -jar}, finds it in the jar named by
     * {@code --conflict-resolver-path}, says which it serves with, and the resolver decides a stale
     * update.
     */
    @Test
    void serveTakesACustomConflictResolverFromAJar() throws Exception {
        Path jar = resolverJar("example.LongestTitleWins", """
                package example;

                import dev.datastore4j.server.ConflictResolver;
                import java.util.Map;

                public final class LongestTitleWins implements ConflictResolver {
                    @Override
                    public Map<String, Object> resolve(String model, Map<String, Object> server, Map<String, Object> incoming) {
                        String stored = String.valueOf(server.get("title"));
                        String sent = String.valueOf(incoming.get("title"));
                        return Map.of("title", sent.length() > stored.length() ? sent : stored);
                    }
                }
                """);
        Process server = ServeProcess.builder("--database", temp.resolve("custom.db").toString(),
                "--conflict-strategy", "CUSTOM", "--conflict-resolver-path", jar.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> banner = ServeProcess.banner(out);
            assertThat(banner).anyMatch(line -> line.startsWith("  conflicts: CUSTOM (example.LongestTitleWins), "));
            URI endpoint = URI.create(ServeProcess.endpoint(banner));
            String id = createPost(endpoint, "t");
            graphql(endpoint, "mutation { updatePost(input: {id: \"" + id + "\", title: \"server\", _version: 1}) { id } }");
            assertThat(graphql(endpoint, "mutation { updatePost(input: {id: \"" + id + "\", title: \"a longer title\","
                    + " _version: 1}) { title status _version } }"))
                    .isEqualTo("{\"data\":{\"updatePost\":{\"title\":\"a longer title\",\"status\":\"DRAFT\",\"_version\":3}}}");
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
    }

    @Test
    void serveSaysWhereItLookedForAConflictResolver() throws Exception {
        String database = temp.resolve("none.db").toString();
        Run none = run("serve", "--schema", BLOG, "--port", "0", "--database", database, "--conflict-strategy", "CUSTOM");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("--conflict-strategy CUSTOM needs a ConflictResolver, and none is named in"
                + " META-INF/services/dev.datastore4j.server.ConflictResolver on the class path (name its jar with"
                + " --conflict-resolver-path)");
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Run emptyPath = run("serve", "--schema", BLOG, "--port", "0", "--database", database, "--conflict-strategy", "CUSTOM",
                "--conflict-resolver-path", empty.toString());
        assertThat(emptyPath.exitCode()).isEqualTo(2);
        assertThat(emptyPath.err()).startsWith("--conflict-strategy CUSTOM needs a ConflictResolver, and none is named in"
                + " META-INF/services/dev.datastore4j.server.ConflictResolver in " + empty);
        Run missing = run("serve", "--schema", BLOG, "--port", "0", "--database", database, "--conflict-strategy", "CUSTOM",
                "--conflict-resolver-path", "no-such-resolver.jar");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("--conflict-resolver-path: no such file or folder: no-such-resolver.jar");
        Path broken = resolverJar("example.Broken", """
                package example;

                public final class Broken implements dev.datastore4j.server.ConflictResolver {
                    public Broken() {
                        throw new IllegalStateException("no settings file");
                    }

                    @Override
                    public java.util.Map<String, Object> resolve(String model, java.util.Map<String, Object> server,
                            java.util.Map<String, Object> incoming) {
                        return null;
                    }
                }
                """);
        Run failing = run("serve", "--schema", BLOG, "--port", "0", "--database", database, "--conflict-strategy", "CUSTOM",
                "--conflict-resolver-path", broken.toString());
        assertThat(failing.exitCode()).isEqualTo(2);
        assertThat(failing.err()).startsWith("cannot load the ConflictResolver in " + broken + ": ")
                .contains("example.Broken", "java.lang.IllegalStateException: no settings file");
        Run otherStrategy = run("serve", "--schema", BLOG, "--port", "0", "--database", database,
                "--conflict-resolver-path", empty.toString());
        assertThat(otherStrategy.exitCode()).isEqualTo(2);
        assertThat(otherStrategy.err()).startsWith("--conflict-resolver-path is for --conflict-strategy CUSTOM, not AUTOMERGE");
        assertThat(Files.exists(Path.of(database))).as("no server started").isFalse();
    }

    /**
     * A jar holding the class {@code className}, compiled from {@code source} against this class
     * path, and naming it in {@code META-INF/services/dev.datastore4j.server.ConflictResolver}.
     */
    private Path resolverJar(String className, String source) throws IOException {
        Path sources = Files.createDirectories(temp.resolve("resolver-src"));
        Path file = Files.writeString(sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java"), source);
        Path classes = Files.createDirectories(temp.resolve("resolver-classes-" + className));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter problems = new StringWriter();
        boolean compiled = javac.getTask(problems, null, null, List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path")), null, javac.getStandardFileManager(null, null, null)
                .getJavaFileObjects(file)).call();
        assertThat(compiled).as(problems.toString()).isTrue();
        Path jar = temp.resolve(className + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path classFile : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.datastore4j.server.ConflictResolver"));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** serve warns when it listens beyond this machine without auth (tests listen on loopback only, so the rule is checked). */
    @Test
    void onlyLoopbackAddressesCountAsThisMachinesOwn() {
        assertThat(ServeCommand.isLoopback("127.0.0.1")).isTrue();
        assertThat(ServeCommand.isLoopback("::1")).isTrue();
        assertThat(ServeCommand.isLoopback("localhost")).isTrue();
        assertThat(ServeCommand.isLoopback("0.0.0.0")).isFalse();
        assertThat(ServeCommand.isLoopback("192.168.1.5")).isFalse();
    }

    /** What a {@code serve} process with these arguments prints up to its banner's end, after which it is stopped. */
    private static List<String> bannerOf(String... arguments) throws Exception {
        return bannerOf(Map.of(), arguments);
    }

    /** The banner of a {@code serve} process started with {@code environment} added to this one's. */
    private static List<String> bannerOf(Map<String, String> environment, String... arguments) throws Exception {
        ProcessBuilder builder = ServeProcess.builder(arguments);
        builder.environment().putAll(environment);
        Process server = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            return ServeProcess.banner(out);
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
    }

    @Test
    void versionPrintsTheName() {
        Run run = run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("datastore4j ");
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name a command: generate, validate, api-schema, serve, outbox, backup or restore", "Usage: datastore4j");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = run("validate", "--bogus", "--schema", BLOG);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        Run run = run("generate", "--schema", BLOG);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options: '--out=<dir>', '--package=<java.package>'");
    }

    /** A schema named without --schema, as many tools take their input: the error says how to name it. */
    @Test
    void aSchemaGivenWithoutTheOptionIsShownTheOption() {
        Run run = run("generate", BLOG, "-p", "com.example.blog", "-o", temp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--schema=<file|dir>'; name the schema with it: --schema "
                + BLOG, "Usage: datastore4j generate");
        Run folder = run("validate", Path.of(BLOG).getParent().toString());
        assertThat(folder.err()).contains("; name the schema with it: --schema " + Path.of(BLOG).getParent());
        assertThat(run("validate", "--format", "json").err()).contains("Missing required option: '--schema=<file|dir>'")
                .doesNotContain("name the schema with it");
    }

    @Test
    void missingSchemaFileIsAUsageError() {
        Run run = run("validate", "--schema", temp.resolve("nope.graphql").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("schema not found: " + temp.resolve("nope.graphql"));
    }

    @Test
    void aSchemaFileThatIsNotUtf8SaysWhere() throws IOException {
        Path latin1 = Files.write(temp.resolve("notes.graphql"),
                "type Note @model {\n  id: ID!\n  text: String! # café\n}\n".getBytes(StandardCharsets.ISO_8859_1));
        Run run = run("validate", "--schema", latin1.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot read schema file " + latin1
                + ": not UTF-8 text: byte 0xE9 at line 3, column 22; save the file as UTF-8").doesNotContain("\tat ");
    }

    @Test
    void folderWithoutSchemasIsAUsageError() {
        Run run = run("validate", "--schema", temp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no .graphql files in folder " + temp);
    }

    @Test
    void invalidPackageNameIsAUsageError() {
        Run run = run("generate", "-s", BLOG, "-o", temp.toString(), "-p", "com.example.class");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a valid Java package name: com.example.class ('class' is a Java keyword)");
        assertThat(temp).isEmptyDirectory();

        Run malformed = run("generate", "-s", BLOG, "-o", temp.toString(), "-p", "com..example");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("not a valid Java package name: com..example\n");

        Run none = run("generate", "-s", BLOG, "-o", temp.toString(), "-p", "");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("name a Java package, such as com.example.app: classes in no package cannot be"
                + " used from any other");
        assertThat(temp).isEmptyDirectory();
    }

    /** javac compiles classes in java.*, but the JVM refuses to load them ("Prohibited package name"). */
    @Test
    void aPackageOfTheJdksIsAUsageError() {
        Run run = run("generate", "-s", BLOG, "-o", temp.toString(), "-p", "java.blog");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("package java.blog is the JDK's: the JVM loads no other classes into java.*;"
                + " name a package of your own");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void invalidSchemaPrintsEveryDiagnosticAndExitsWith3() throws IOException {
        Path schema = SCHEMAS.resolve("invalid/bad-arguments.graphql");
        Run run = run("generate", "-s", schema.toString(), "-o", temp.toString(), "-p", "com.example");
        assertThat(run.exitCode()).isEqualTo(Datastore4j.INVALID_SCHEMA);
        // The fixture's expected diagnostics name the file as invalid/...; here it is the path given.
        String expected = Files.readString(SCHEMAS.resolve("invalid/bad-arguments.diagnostics.txt"))
                .replace("invalid/bad-arguments.graphql", schema.toString());
        int summary = expected.lastIndexOf('\n', expected.length() - 2) + 1;
        assertThat(run.err()).startsWith(expected.substring(0, summary))
                .contains("datastore4j: schema is invalid: " + expected.substring(summary));
        assertThat(run.out()).isEmpty();
        assertThat(temp).isEmptyDirectory();
    }

    static List<String> invalidFixtures() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS.resolve("invalid"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".graphql"))
                    .map(n -> n.substring(0, n.length() - ".graphql".length())).sorted().toList();
        }
    }

    /** Every invalid fixture: the JSON report holds the diagnostics of its text form, and nothing else is on stdout. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void validateReportsInJsonWhatTheTextSays(String fixture) throws IOException {
        Path schema = SCHEMAS.resolve("invalid/" + fixture + ".graphql");
        Run run = run("validate", "--format", "json", "-s", schema.toString());
        assertThat(run.exitCode()).isEqualTo(Datastore4j.INVALID_SCHEMA);
        List<String> fromText = new ArrayList<>();
        // The fixture names the file as invalid/...; here it is the path given.
        String text = Files.readString(SCHEMAS.resolve("invalid/" + fixture + ".diagnostics.txt"))
                .replace("invalid/" + fixture + ".graphql", schema.toString());
        Matcher header = Pattern.compile("(?m)^" + Pattern.quote(schema.toString()) + ":(\\d+):(\\d+): (error|warning)"
                + "\\[([a-z0-9-]+)\\]: (.*)\n(?:(?: +\\d* \\|.*\\n)*  hint: (.*)\\n)?").matcher(text);
        while (header.find()) {
            fromText.add(String.join(" | ", header.group(1), header.group(2), header.group(3), header.group(4), header.group(5),
                    String.valueOf(header.group(6))));
        }
        JsonNode report = new ObjectMapper().readTree(run.out()); // stdout is the document alone
        List<String> fromJson = new ArrayList<>();
        for (JsonNode d : report.get("diagnostics")) {
            assertThat(d.get("file").asText()).isEqualTo(schema.toString());
            assertThat(d.get("length").asInt()).isPositive();
            fromJson.add(String.join(" | ", d.get("line").asText(), d.get("column").asText(), d.get("severity").asText(),
                    d.get("code").asText(), d.get("message").asText(), d.get("hint").isNull() ? "null" : d.get("hint").asText()));
        }
        assertThat(fromJson).isNotEmpty().isEqualTo(fromText);
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("errors").asInt() + report.get("warnings").asInt()).isEqualTo(fromJson.size());
        assertThat(run.err()).startsWith("datastore4j: schema is invalid: ").doesNotContain(" | ");
    }

    @Test
    void validateReportsAValidSchemaInJson() throws IOException {
        Run run = run("validate", "--format", "JSON", "-s", BLOG);
        assertThat(run.exitCode()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("errors").asInt()).isZero();
        assertThat(report.get("diagnostics")).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validateReportsToGitHubActionsWithItsEscapes() throws IOException {
        Path schema = Files.writeString(temp.resolve("a,b:c%.graphql"), "type Post @modle {\n  id: ID!\n}\n");
        Run run = run("validate", "--format", "github", "-s", schema.toString());
        assertThat(run.exitCode()).isEqualTo(Datastore4j.INVALID_SCHEMA);
        String file = schema.toString().replace("%", "%25").replace(":", "%3A").replace(",", "%2C");
        assertThat(run.out()).isEqualTo("::error file=" + file + ",line=1,col=11,endColumn=16,title=datastore4j unknown-directive"
                + "::unknown directive @modle%0Ahint: did you mean @model?\n");
        assertThat(run.err()).isEqualTo("datastore4j: schema is invalid: 1 error\n");

        Run valid = run("validate", "--format", "github", "-s", BLOG);
        assertThat(valid.exitCode()).isZero();
        assertThat(valid.out()).isEqualTo("datastore4j: schema is valid: 3 models, 1 enum, 0 non-model types\n");
    }

    @Test
    void validateRefusesAnUnknownFormat() {
        Run run = run("validate", "--format", "xml", "-s", BLOG);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format", "TEXT, JSON, GITHUB", "xml");
    }

    @Test
    void validateReportsCounts() {
        Run run = run("validate", "--schema", BLOG);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("datastore4j: schema is valid: 3 models, 1 enum, 0 non-model types\n");
    }

    @Test
    void generateWritesTheGoldenFilesAndLeavesThemAloneWhenUnchanged() throws IOException {
        Run run = run("generate", "-s", BLOG, "-o", temp.toString(), "-p", "com.example.blog");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 models, 5 files in " + temp.resolve("com/example/blog"));
        Map<String, String> written = files(temp);
        assertThat(written).isEqualTo(files(GOLDEN.resolve("blog/java")));

        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        for (String file : written.keySet()) {
            Files.setLastModifiedTime(temp.resolve(file), past);
        }
        assertThat(run("generate", "-s", BLOG, "-o", temp.toString(), "-p", "com.example.blog").exitCode()).isZero();
        for (String file : written.keySet()) {
            assertThat(Files.getLastModifiedTime(temp.resolve(file))).as(file).isEqualTo(past);
        }
    }

    @Test
    void filesGeneratedForTypesTheSchemaNoLongerHasAreRemovedAndNoOthers() throws IOException {
        assertThat(run("generate", "-s", BLOG, "-o", temp.toString(), "-p", "com.example.blog").exitCode()).isZero();
        Path folder = temp.resolve("com/example/blog");
        Path mine = Files.writeString(folder.resolve("BlogViews.java"), "package com.example.blog;\nclass BlogViews {}\n");
        Path small = Files.writeString(temp.resolve("small.graphql"), "type Blog @model { id: ID! name: String! }\n");
        Run run = run("generate", "-s", small.toString(), "-o", temp.toString(), "-p", "com.example.blog");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("datastore4j: 1 model, 2 files in " + folder
                + "; removed 3 generated before for types the schema no longer has");
        assertThat(files(folder).keySet()).containsExactly("Blog.java", "BlogViews.java", "DataStoreModels.java");
        assertThat(mine).hasContent("package com.example.blog;\nclass BlogViews {}");
    }

    @Test
    void apiSchemaGoesToStdoutOrAFile() throws IOException {
        String golden = Files.readString(GOLDEN.resolve("blog/api.graphql"));
        Run toStdout = run("api-schema", "--schema", BLOG);
        assertThat(toStdout.exitCode()).isZero();
        assertThat(toStdout.out()).isEqualTo(golden);

        Path file = temp.resolve("nested/api.graphql");
        Run toFile = run("api-schema", "--schema", BLOG, "--out", file.toString());
        assertThat(toFile.exitCode()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(file).hasContent(golden);
    }

    @Test
    void severalSchemaFilesAreOneSchema() throws IOException {
        String text = Files.readString(Path.of(BLOG));
        int split = text.indexOf("type Post");
        Path a = Files.writeString(temp.resolve("a.graphql"), text.substring(0, split));
        Path b = Files.writeString(temp.resolve("b.graphql"), text.substring(split));
        Run files = run("validate", "--schema", a.toString(), b.toString());
        assertThat(files.exitCode()).as(files.err()).isZero();
        Run folder = run("validate", "--schema", temp.toString());
        assertThat(folder.out()).isEqualTo(files.out());
        Run overlapping = run("validate", "--schema", temp.toString(), a.toString());
        assertThat(overlapping.out()).as("a file named twice is read once").isEqualTo(files.out());
    }

    @Test
    void unwritableOutputIsAnErrorWithoutAStackTrace() throws IOException {
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        Run run = run("generate", "-s", BLOG, "-o", notAFolder.toString(), "-p", "com.example.blog");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("datastore4j: cannot write the generated sources to " + notAFolder + ": ")
                .contains("not a directory").doesNotContain("\tat ");

        Run schema = run("api-schema", "-s", BLOG, "-o", notAFolder.resolve("api.graphql").toString());
        assertThat(schema.exitCode()).isEqualTo(1);
        assertThat(schema.err()).startsWith("datastore4j: cannot write the API schema to " + notAFolder.resolve("api.graphql"))
                .doesNotContain("\tat ");

        Path out = temp.resolve("out");
        Path inTheWay = Files.createDirectories(out.resolve("com/example/blog/Post.java/a folder"));
        Run blocked = run("generate", "-s", BLOG, "-o", out.toString(), "-p", "com.example.blog");
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.err()).as("names the folder in the way, not the file written beside it").isEqualTo(
                "datastore4j: cannot write the generated sources to " + out + ": is a directory (" + inTheWay.getParent() + ")"
                        + System.lineSeparator());
        try (Stream<Path> files = Files.list(inTheWay.getParent().getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    /**
     * Generation cut short by the file system leaves every file whole or as it was, never a part
     * of one (which the compiler would report as errors in generated code), and names the file it
     * could not write. A file size limit ({@code ulimit -f}, in a child JVM) stands in for a full
     * disk: the write fails part way, with the first 6 KB written.
     */
    @Test
    void aWriteCutShortLeavesNoFileHalfWritten() throws Exception {
        Path complete = temp.resolve("complete");
        assertThat(run("generate", "-s", BLOG, "-o", complete.toString(), "-p", "com.example.blog").exitCode()).isZero();
        Path limited = temp.resolve("limited");
        Run run = runInChildJvm(List.of("bash", "-c", "ulimit -f 6 && exec \"$@\"", "bash"), List.of(),
                "generate", "-s", BLOG, "-o", limited.toString(), "-p", "com.example.blog");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("datastore4j: cannot write the generated sources to " + limited + ": file too large ("
                + limited.resolve("com/example/blog")).contains(".java)");

        Map<String, String> whole = files(complete);
        Map<String, String> written = files(limited);
        assertThat(written).as("the files under the limit").isNotEmpty();
        assertThat(whole).as("some over it").hasSizeGreaterThan(written.size());
        written.forEach((file, text) -> assertThat(text).as(file).isEqualTo(whole.get(file)));
    }

    /**
     * When SQLite's native library cannot be loaded (the folder the driver unpacks it into is
     * mounted noexec, say; here it does not exist), the commands that open a database say so and
     * what to do, where they said only "Error opening connection", as if the file were at fault.
     */
    @Test
    void aDatabaseLibraryThatCannotBeLoadedIsNamedWithItsRemedy() throws Exception {
        Path db = temp.resolve("notes.db");
        try (DataStore store = DataStore.open(Note.REGISTRY, db)) {
            store.save(new Note("n1", "text"));
        }
        List<String> noLibrary = List.of("-Dorg.sqlite.tmpdir=" + temp.resolve("missing"));
        String advice = "SQLite's native library cannot be loaded from " + temp.resolve("missing")
                + ", where the driver unpacks it (a folder mounted noexec refuses to load programs): name one that"
                + " allows it with -Dorg.sqlite.tmpdir=<folder> (";

        Run outbox = runInChildJvm(List.of(), noLibrary, "outbox", db.toString());
        assertThat(outbox.exitCode()).as(outbox.err()).isEqualTo(1);
        assertThat(outbox.err()).contains("datastore4j: cannot read " + db + ": " + advice);

        Run serve = runInChildJvm(List.of(), noLibrary, "serve", "-s", BLOG, "--database", temp.resolve("server.db").toString(),
                "--port", "0");
        assertThat(serve.exitCode()).as(serve.err()).isEqualTo(1);
        assertThat(serve.err()).contains("datastore4j: cannot open the server database " + temp.resolve("server.db") + ": " + advice);
    }

    /**
     * The CLI in a JVM of its own with {@code jvmOptions}, started through {@code launcher} (a
     * shell setting a limit, say; empty: none); its output and errors together are {@code err}.
     */
    private static Run runInChildJvm(List<String> launcher, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-UsePerfData"); // no memory-mapped statistics file, which a file size limit would refuse
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Datastore4j.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!launcher.isEmpty()) {
            // a shell warns on stderr when LC_ALL names a locale the machine lacks; C is always there
            builder.environment().put("LC_ALL", "C");
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), "", output);
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

}
