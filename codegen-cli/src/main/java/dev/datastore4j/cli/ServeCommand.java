package dev.datastore4j.cli;

import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.server.ConflictResolver;
import dev.datastore4j.server.ConflictStrategy;
import dev.datastore4j.server.ServerStartException;
import dev.datastore4j.server.SyncServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a sync server for the schema: the AppSync DataStore API at POST /graphql.",
                "Stops cleanly on Ctrl-C or SIGTERM."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    SchemaOptions schema;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "<host>",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "20002", paramLabel = "<port>",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    // Options that may hold a secret (a password in a JDBC URL, a key) also come from environment
    // variables: any user of the machine can read a process's command line. --help must not print
    // their values, so the descriptions name the variables instead of ${DEFAULT-VALUE}.
    @Option(names = "--database", defaultValue = "${env:DATASTORE4J_DATABASE:-datastore4j-server.db}",
            paramLabel = "<file|jdbc url>",
            description = {"SQLite database file, created if missing, served by one server at a time,",
                    "or jdbc:postgresql://host/db?user=...&password=... (servers sharing it act as one).",
                    "Default: $DATASTORE4J_DATABASE, or datastore4j-server.db."})
    String database;

    @Option(names = "--conflict-strategy", defaultValue = "AUTOMERGE", paramLabel = "<strategy>",
            description = "AUTOMERGE, OPTIMISTIC_CONCURRENCY, or CUSTOM (a ConflictResolver of yours: see"
                    + " --conflict-resolver-path) (default: ${DEFAULT-VALUE}).")
    ConflictStrategy conflictStrategy;

    @Option(names = "--conflict-resolver-path", paramLabel = "<jars>",
            description = {"For CUSTOM: jar files or folders of classes, separated by : (; on Windows), that hold"
                    + " your ConflictResolver (named in their META-INF/services/dev.datastore4j.server.ConflictResolver)"
                    + " and what it needs.",
                    "Without it, the resolver is looked for on the class path the CLI runs with."})
    String conflictResolverPath;

    @Option(names = "--delta-retention", converter = DurationConverter.class, defaultValue = "30m",
            paramLabel = "<duration>",
            description = "How far back a delta sync may reach, such as 30m, 2h or 1d (default: ${DEFAULT-VALUE}).")
    Duration deltaRetention;

    @Option(names = "--tombstone-retention", converter = DurationConverter.class, defaultValue = "30d",
            paramLabel = "<duration>",
            description = "How long deleted records stay as tombstones that syncs return (default: ${DEFAULT-VALUE}).")
    Duration tombstoneRetention;

    @Option(names = "--api-key", paramLabel = "<key>", defaultValue = "${env:DATASTORE4J_API_KEY}", split = ",",
            description = {"Accept requests with this x-api-key; they pass public (apiKey) @auth rules. Repeat it or"
                    + " separate keys by commas to take several at once (an old key and its successor).",
                    "Default: $DATASTORE4J_API_KEY."})
    List<String> apiKeys = List.of();

    @Option(names = "--api-keys-file", paramLabel = "<file>",
            description = "Accept requests with any x-api-key this file holds, one a line (blank lines and lines beginning"
                    + " with # skipped); read again when it changes, so a key is added or withdrawn without a restart.")
    Path apiKeysFile;

    @Option(names = "--jwt-secret", paramLabel = "<secret>", defaultValue = "${env:DATASTORE4J_JWT_SECRET}",
            split = "\\R", hideParamSyntax = true, // split only to read several secrets from the variable
            description = {"Accept HS256 JWTs signed with this secret (at least 32 bytes) in Authorization; their claims"
                    + " meet owner, groups and private rules. Repeat it to take tokens signed with either of two"
                    + " secrets while one replaces the other. Without --api-key, --jwt-secret, --jwks or a keys or secrets"
                    + " file, every request is accepted.",
                    "Default: $DATASTORE4J_JWT_SECRET, a secret a line."})
    List<String> jwtSecrets = List.of();

    @Option(names = "--jwt-secrets-file", paramLabel = "<file>",
            description = "Accept HS256 JWTs signed with any secret this file holds, one a line (blank lines and lines"
                    + " beginning with # skipped); read again when it changes, so a secret is added or withdrawn without a"
                    + " restart.")
    Path jwtSecretsFile;

    @Option(names = "--jwks", paramLabel = "<file>",
            description = "Accept RS256 JWTs signed by a key of this JWKS file (matched by kid); read again when it"
                    + " changes, so keys are rotated in and withdrawn without a restart.")
    Path jwks;

    @Option(names = "--jwt-issuer", paramLabel = "<url>",
            description = "Take only JWTs whose iss claim is this: the identity provider's URL, a Cognito user pool's"
                    + " own.")
    String jwtIssuer;

    @Option(names = "--jwt-audience", paramLabel = "<client id>", split = ",",
            description = {"Take only JWTs issued for this app: its client id in their aud claim (or a Cognito"
                    + " access token's client_id); repeat it or separate ids by commas.",
                    "Without it and --jwt-issuer, --jwks takes tokens its keys signed for any app."})
    List<String> jwtAudiences = List.of();

    @Option(names = "--tls-keystore", paramLabel = "<file>",
            description = {"Serve HTTPS and WSS with the key and certificate of this PKCS#12 key store (keytool makes one;"
                    + " openssl pkcs12 -export makes one from PEM files). Amplify's JavaScript client connects to the real-time"
                    + " endpoint over wss:// only, so its subscriptions need TLS, here or in a proxy in front."})
    Path tlsKeyStore;

    @Option(names = "--tls-keystore-password", paramLabel = "<password>",
            defaultValue = "${env:DATASTORE4J_TLS_KEYSTORE_PASSWORD}",
            description = {"The key store's password.", "Default: $DATASTORE4J_TLS_KEYSTORE_PASSWORD."})
    String tlsKeyStorePassword;

    @Option(names = "--allow-origin", paramLabel = "<origin>", split = ",",
            description = {"Let web pages of this origin call the server (CORS), such as http://localhost:3000, or * for any;"
                    + " repeat it or separate origins by commas.",
                    "By default requests from web pages of other origins are refused; apps and other clients are served."})
    List<String> allowedOrigins = List.of();

    @Option(names = "--metrics",
            description = {"Serve GET /metrics for a monitoring system (Prometheus's text format): operations by model and"
                    + " outcome, HTTP answers, real-time connections and subscriptions, the JVM's heap.",
                    "It takes no credentials: keep it off a public address (a proxy passes on only the paths it is"
                            + " told to)."})
    boolean metrics;

    @Option(names = "--max-request-size", converter = SizeConverter.class, defaultValue = "1MiB", paramLabel = "<size>",
            description = "The largest request body taken, a gzipped one counted unzipped, such as 512KiB, 4MiB or a number"
                    + " of bytes; a larger one gets a BadRequest error (default: ${DEFAULT-VALUE}).")
    long maxRequestSize;

    @Option(names = "--max-response-size", converter = SizeConverter.class, defaultValue = "16MiB", paramLabel = "<size>",
            description = "How much record data one answer may hold; past it, the request's later fields fail with"
                    + " BadRequest. Each page of a list or sync ends at about 1 MiB, with a nextToken for the rest, so"
                    + " DataStore clients never meet it (default: ${DEFAULT-VALUE}).")
    long maxResponseSize;

    @Option(names = "--max-query-depth", defaultValue = "15", paramLabel = "<levels>",
            description = "Queries nested deeper are refused before they run; DataStore's own are 4 deep"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxQueryDepth;

    @Option(names = "--max-query-fields", defaultValue = "2000", paramLabel = "<fields>",
            description = "Queries selecting more fields, counted through every nesting, are refused before they run"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxQueryFields;

    @Option(names = "--max-unsent-size", converter = SizeConverter.class, defaultValue = "16MiB", paramLabel = "<size>",
            description = "A real-time connection is cut once this much waits to be sent to it, so that a subscriber that"
                    + " stops reading cannot make the server keep every change for it; keep it above the largest record"
                    + " (400 KB) (default: ${DEFAULT-VALUE}).")
    long maxUnsentSize;

    @Option(names = "--keep-alive", converter = DurationConverter.class, defaultValue = "1m", paramLabel = "<duration>",
            description = "How often an idle real-time connection gets a keep-alive (ka) message; one that carries"
                    + " nothing for five of them is closed (default: ${DEFAULT-VALUE}).")
    Duration keepAlive;

    @Option(names = "--watch",
            description = {"Serve the schema anew whenever its files change, on the same address and database and without"
                    + " stopping (requests wait a moment rather than fail): for development, beside an app whose models are"
                    + " generated from the same files. A schema with errors, or one the stored records do not fit, is"
                    + " reported and the one before it served on; real-time clients are disconnected at each change, and"
                    + " connect again."})
    boolean watch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The resolver of {@link ConflictStrategy#CUSTOM}, found once for the server this command starts; else null. */
    private ConflictResolver resolver;
    /** Set once the process is stopping, before the server is closed. */
    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        resolver = conflictResolver();
        try (SchemaWatcher watcher = watch ? schema.watcher() : null) {
            Optional<Schema> compiled = schema.compile(spec.commandLine());
            if (compiled.isEmpty()) {
                return Datastore4j.INVALID_SCHEMA;
            }
            return serve(compiled.get(), watcher);
        }
    }

    /** Serves {@code first} until the process is stopped; with a watcher, each valid change to its files too. */
    private int serve(Schema first, SchemaWatcher watcher) throws Exception {
        SyncServer server;
        try {
            server = start(first);
        } catch (IllegalArgumentException e) { // options that do not fit together, an unreadable keys or secrets file
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (NoModels e) { // a warning for generate, nothing to serve
            spec.commandLine().getErr().println("datastore4j: " + e.getMessage());
            return Datastore4j.INVALID_SCHEMA;
        } catch (ServerStartException e) { // the database or the address cannot be used: say which, no stack trace
            spec.commandLine().getErr().println("datastore4j: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            server.close();
            spec.commandLine().getOut().println("datastore4j: server stopped");
            spec.commandLine().getOut().flush();
            stopped.countDown();
        }, "datastore4j-shutdown"));
        banner(server, first);
        if (server.acceptsEveryone() && !isLoopback(host)) {
            spec.commandLine().getErr().println("datastore4j: warning: listening on " + host + " without auth: anyone who can"
                    + " reach this machine can read and change every record (--api-key, --jwt-secret, --jwks or a"
                    + " keys or secrets file turns auth on)");
        }
        if (watcher != null) {
            serveChanges(watcher, first, server, stopped);
        }
        stopped.await();
        return 0;
    }

    /** The schema has no models: nothing to serve. */
    private static final class NoModels extends Exception {
        private static final long serialVersionUID = 1L;

        NoModels(String message) {
            super(message);
        }
    }

    /** A server for {@code toServe}, with the options given. */
    private SyncServer start(Schema toServe) throws Exception {
        SyncServer.Builder builder;
        try {
            builder = SyncServer.builder(toServe);
        } catch (IllegalArgumentException e) {
            throw new NoModels(e.getMessage());
        }
        builder.host(host).port(port);
        if (database.startsWith("jdbc:")) { // a URL of another database is refused as such, not taken for a file name
            builder.postgres(database);
        } else {
            builder.database(Path.of(database));
        }
        return builder.conflictStrategy(conflictStrategy).conflictResolver(resolver)
                .deltaRetention(deltaRetention).tombstoneRetention(tombstoneRetention)
                .apiKeys(apiKeys).apiKeysFile(apiKeysFile).jwtSecrets(jwtSecrets).jwtSecretsFile(jwtSecretsFile)
                .jwks(jwks).jwtIssuer(jwtIssuer).jwtAudiences(jwtAudiences).tls(tlsKeyStore, tlsKeyStorePassword)
                .allowOrigins(allowedOrigins).metrics(metrics)
                .maxBodyBytes(maxRequestSize).maxResponseBytes(maxResponseSize).maxDepth(maxQueryDepth)
                .maxComplexity(maxQueryFields).maxUnsentBytes(maxUnsentSize).keepAlive(keepAlive).start();
    }

    /**
     * The resolver of {@link ConflictStrategy#CUSTOM}: the first named in
     * {@code META-INF/services/dev.datastore4j.server.ConflictResolver} in the jars and folders of
     * {@code --conflict-resolver-path} or, without it, on the CLI's own class path (an app that runs
     * the CLI's main class beside its own jars). Null for another strategy.
     */
    private ConflictResolver conflictResolver() {
        CommandLine cli = spec.commandLine();
        if (conflictStrategy != ConflictStrategy.CUSTOM) {
            if (conflictResolverPath != null) {
                throw new CommandLine.ParameterException(cli,
                        "--conflict-resolver-path is for --conflict-strategy CUSTOM, not " + conflictStrategy);
            }
            return null;
        }
        ClassLoader loader = ServeCommand.class.getClassLoader();
        String where = "on the class path (name its jar with --conflict-resolver-path)";
        if (conflictResolverPath != null) {
            List<URL> urls = new ArrayList<>();
            for (String entry : conflictResolverPath.split(Pattern.quote(File.pathSeparator))) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry).toAbsolutePath();
                if (!Files.exists(path)) {
                    throw new CommandLine.ParameterException(cli, "--conflict-resolver-path: no such file or folder: " + entry);
                }
                try {
                    urls.add(path.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new CommandLine.ParameterException(cli, "--conflict-resolver-path: " + entry + ": " + e.getMessage());
                }
            }
            loader = new URLClassLoader("conflict-resolver", urls.toArray(URL[]::new), loader); // open while the server runs
            where = "in " + conflictResolverPath;
        }
        try {
            Optional<ConflictResolver> found = ServiceLoader.load(ConflictResolver.class, loader).findFirst();
            if (found.isEmpty()) {
                throw new CommandLine.ParameterException(cli, "--conflict-strategy CUSTOM needs a ConflictResolver, and none is"
                        + " named in META-INF/services/" + ConflictResolver.class.getName() + " " + where);
            }
            return found.get();
        } catch (ServiceConfigurationError e) { // a class named there that is missing, or that failed to start
            throw new CommandLine.ParameterException(cli, "cannot load the ConflictResolver " + where + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        }
    }

    private boolean postgres() {
        return database.startsWith("jdbc:postgresql:");
    }

    /** What {@code server} serves, and where: printed at start, and after each change {@code --watch} serves. */
    private void banner(SyncServer server, Schema served) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("datastore4j: serving %s at %s%n", ValidateCommand.count(served.models().size(), "model"), server.endpoint());
        out.printf("  real time: %s%n  database: %s%n"
                        + "  conflicts: %s, delta sync window %s, tombstones kept %s%n  auth: %s%n  web pages: %s%n",
                server.endpoint().toString().replaceFirst("^http", "ws") + "/realtime",
                postgres() ? database.replaceAll("password=[^&]*", "password=***") + " (PostgreSQL)"
                        : Path.of(database).toAbsolutePath() + " (SQLite)",
                resolver == null ? conflictStrategy : conflictStrategy + " (" + resolver.getClass().getName() + ")",
                DurationConverter.text(deltaRetention), DurationConverter.text(tombstoneRetention), server.authModes(),
                webPages(server.allowedOrigins()));
        if (metrics) {
            out.printf("  metrics: %s%n", server.endpoint().resolve("/metrics"));
        }
        out.flush();
    }

    /**
     * {@code --watch}: until the server stops, has it serve the schema anew each time its files
     * change to another valid schema ({@link SyncServer#replaceSchema}: requests that come
     * meanwhile wait rather than fail). A schema with errors is reported and the one before it
     * served on; so is one that the database cannot be served with (stored records without a
     * required field, say).
     */
    private void serveChanges(SchemaWatcher watcher, Schema first, SyncServer server, CountDownLatch stopped)
            throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Schema served = first;
        while (stopped.getCount() > 0) {
            if (!watcher.awaitChange(250)) {
                continue;
            }
            Optional<Schema> changed;
            try {
                changed = schema.compile(spec.commandLine());
            } catch (CommandLine.ParameterException | UncheckedIOException e) { // gone or unreadable for now (mid-save, say)
                err.println("datastore4j: " + e.getMessage() + "; still serving the schema as it was");
                err.flush();
                continue;
            }
            if (changed.isEmpty()) {
                err.println("datastore4j: still serving the schema as it was");
                err.flush();
                continue;
            }
            if (changed.get().equals(served)) {
                continue; // comments or layout only
            }
            try {
                server.replaceSchema(changed.get());
            } catch (RuntimeException e) { // the server serves the schema before
                if (stopping) {
                    return; // the server was closed meanwhile
                }
                // records that it does not fit, or no models: said as for a start; anything else with its type
                boolean told = e instanceof ServerStartException || e instanceof IllegalArgumentException;
                err.println("datastore4j: " + (told ? e.getMessage() : e) + "; still serving the schema as it was");
                err.flush();
                continue;
            }
            served = changed.get();
            out.println("datastore4j: the schema changed");
            banner(server, served);
        }
    }

    /** Whether {@code host} is only reachable from this machine (127.0.0.1, ::1, localhost). */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) { // the server listens on it, so it resolved a moment ago
            return false;
        }
    }

    private static String webPages(List<String> origins) {
        if (origins.isEmpty()) {
            return "of other origins refused (--allow-origin lets a web app's origin call the server)";
        }
        return origins.contains("*") ? "of any origin may call the server" : "of " + String.join(", ", origins) + " may call the server";
    }

    /** {@code 30m}, {@code 2h}, {@code 1d}, {@code 45s}, or an ISO-8601 duration such as {@code PT1.5S}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

        /** {@code duration} as a user would write it: {@code 30m}, {@code 1d}, or ISO-8601 where no unit fits. */
        static String text(Duration duration) {
            long seconds = duration.getSeconds();
            if (duration.getNano() != 0 || seconds == 0) {
                return duration.toString();
            }
            if (seconds % 86_400 == 0) {
                return seconds / 86_400 + "d";
            }
            if (seconds % 3_600 == 0) {
                return seconds / 3_600 + "h";
            }
            return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }

        @Override
        public Duration convert(String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            Matcher shortForm = SHORT.matcher(value);
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return switch (shortForm.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "not a duration: " + text + " (use 45s, 30m, 2h, 1d or ISO-8601 such as PT30M)");
            }
        }
    }

    /** A number of bytes, or of KiB, MiB or GiB (k, m and g for short; KB, MB and GB taken as the same). */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(b|[kmg](?:i?b)?)?", Pattern.CASE_INSENSITIVE);

        @Override
        public Long convert(String text) {
            Matcher size = SIZE.matcher(text.strip());
            if (!size.matches()) {
                throw new CommandLine.TypeConversionException(
                        "not a size: " + text + " (use a number of bytes, or of KiB, MiB or GiB, such as 512KiB or 4MiB)");
            }
            String unit = size.group(2) == null ? "b" : size.group(2).toLowerCase(Locale.ROOT);
            long scale = switch (unit.charAt(0)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1;
            };
            try {
                return Math.multiplyExact(Long.parseLong(size.group(1)), scale);
            } catch (ArithmeticException e) {
                throw new CommandLine.TypeConversionException("too large a size: " + text);
            }
        }
    }
}
