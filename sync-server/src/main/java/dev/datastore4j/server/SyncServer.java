package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.gzip.GzipEncoderConfig;
import org.eclipse.jetty.compression.server.CompressionConfig;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * An AppSync-compatible DataStore backend for one schema: the API schema codegen-core derives,
 * served at {@code POST /graphql}, with real-time subscriptions at {@code /graphql/realtime}
 * (AppSync's {@code graphql-ws} protocol), over an embedded SQLite database.
 *
 * <pre>{@code
 * try (SyncServer server = SyncServer.builder(schema).database(Path.of("server.db")).port(0).start()) {
 *     URI endpoint = server.endpoint();
 * }
 * }</pre>
 */
public final class SyncServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SyncServer.class.getName());
    /** How long {@link #close} waits for the requests running when it is called. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How often a purge that keeps failing is logged again, once its first failure was. */
    private static final long PURGE_FAILURE_REMINDER_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Server jetty;
    private final ServerConnector connector;
    private final boolean tls;
    private final RecordStore store;
    private final Changes changes = new Changes();
    private final Authenticator authenticator;
    private final String host;
    private final List<String> allowedOrigins;
    /** An API for a schema, on this server's database and with its options. */
    private final Function<Schema, GraphQlApi> apis;
    private final ServedApi served;
    private final ServerWebSocketContainer realtimeConnections;
    /** Guards {@link #closed}: a schema is not replaced while the server stops, nor after. */
    private final Object lifecycle = new Object();
    private boolean closed;
    /** Keep-alives, token expiries of subscriptions, tombstone purges. */
    private final ScheduledExecutorService timers = timers();
    /** Purges failed in a row, and when the last such failure was logged: the purge's timer alone uses them. */
    private int purgesFailed;
    private long purgeFailureLoggedAt;

    /**
     * One thread; a task cancelled (a connection's keep-alives, a stopped subscription's expiry,
     * which may be an hour off) leaves the queue at once rather than when it was due.
     */
    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "datastore4j-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private SyncServer(Builder builder) throws Exception {
        this.host = builder.host;
        this.allowedOrigins = builder.allowedOrigins;
        this.authenticator = new Authenticator(new Secrets(builder.apiKeys, builder.apiKeysFile, "API key", key -> null),
                new Secrets(builder.jwtSecrets, builder.jwtSecretsFile, "JWT secret", Authenticator::jwtSecretProblem),
                builder.jwks == null ? JwksKeys.none() : JwksKeys.of(builder.jwks), builder.tokenScope);
        if (builder.jwks != null && builder.tokenScope.isAny()) {
            LOG.log(System.Logger.Level.WARNING, "any token signed by a key of "
                    + builder.jwks + " is taken, whichever app it was issued for; name the issuer and the app's client id"
                    + " (jwtIssuer and jwtAudiences, --jwt-issuer and --jwt-audience) to take only this app's tokens");
        }
        if (!authenticator.open()) {
            warnOfUnreachable(builder.schema, authenticator);
        }
        ConflictResolver resolver = builder.resolver(); // fails before anything is opened
        SslConnectionFactory tlsConnections = builder.tlsKeyStore == null ? null : tlsConnections(builder); // so does this
        RecordStore.ChangeSink announced = new RecordStore.ChangeSink() {
            @Override
            public void changed(String model, Changes.Kind kind, StoredRecord record) {
                changes.publish(model, kind, record.toApi());
            }

            @Override
            public void lost(String why) {
                changes.interruptAll(why);
            }
        };
        this.store = builder.jdbcUrl != null
                ? new PostgresRecordStore(builder.jdbcUrl, announced)
                : new SqliteRecordStore(builder.database, announced);
        try {
            prepare(builder.schema);
            tidy();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        Metrics metrics = new Metrics(store::load);
        ConflictStrategy conflicts = builder.conflicts;
        Duration deltaRetention = builder.deltaRetention;
        int maxDepth = builder.maxDepth;
        int maxComplexity = builder.maxComplexity;
        long maxResponseBytes = builder.maxResponseBytes;
        this.apis = toServe -> new GraphQlApi(toServe, new DataService(toServe, store, conflicts, resolver, deltaRetention),
                changes, maxDepth, maxComplexity, maxResponseBytes, metrics);
        this.served = new ServedApi(apis.apply(builder.schema));
        this.jetty = new Server();
        jetty.setErrorHandler(new JsonErrors());
        HttpConfiguration http = new HttpConfiguration();
        // Jetty finds a header field again among those its connection sent before, by default
        // whatever the letter case: a token differing from the previous request's only in case
        // would be read as the previous one. Credentials are case-sensitive.
        http.setHeaderCacheCaseSensitive(true);
        http.setSendServerVersion(false); // "Server: Jetty(12.1.14)" would tell everyone which flaws to try
        this.tls = tlsConnections != null;
        this.connector = tls ? new ClosingConnector(jetty, tlsConnections, new HttpConnectionFactory(secure(http)))
                : new ClosingConnector(jetty, new HttpConnectionFactory(http));
        // On stop, a connection with no request running is closed once idle this long (Jetty's
        // default, 1 s, held each stop up for as long as a client kept a connection open).
        connector.setShutdownIdleTimeout(200);
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        jetty.addConnector(connector);
        long keepAliveMillis = builder.keepAlive.toMillis();
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler realtime = WebSocketUpgradeHandler.from(jetty, context, container -> {
            // Jetty closes a WebSocket that carried no frame for 30 s by default, so an idle
            // subscriber was cut before its first keep-alive; the connection timeout clients are
            // told (five keep-alive intervals) is the time without a frame after which it has failed.
            container.setIdleTimeout(builder.keepAlive.multipliedBy(RealtimeSession.KEEP_ALIVES_PER_TIMEOUT));
            container.addMapping("/graphql/realtime", (request, response, callback) -> {
                JsonNode header;
                try {
                    header = RealtimeAuth.connectionHeader(authenticator, request);
                    RealtimeSession.authenticate(authenticator, header); // a connection no caller opened is refused now
                } catch (ApiException e) {
                    Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401, e.getMessage());
                    return null;
                }
                if (request.getSubProtocols().contains("graphql-ws")) {
                    response.setAcceptedSubProtocol("graphql-ws");
                }
                return new RealtimeSession(served, authenticator, header, timers, keepAliveMillis, builder.maxUnsentBytes, metrics);
            });
        });
        this.realtimeConnections = realtime.getServerWebSocketContainer();
        Handler graphQl = new GraphQlHandler(served, authenticator, builder.maxBodyBytes, metrics);
        realtime.setHandler(builder.metrics ? new Handler.Sequence(new HealthHandler(store), new MetricsHandler(metrics), graphQl)
                : new Handler.Sequence(new HealthHandler(store), graphQl));
        context.setHandler(new WebOrigins(builder.allowedOrigins, authenticator.open(), metrics, compressed(realtime)));
        // On stop, requests already running finish and are answered (a mutation that committed is
        // answered, rather than cut off for its client to send again); new ones are refused.
        jetty.setHandler(new GracefulHandler(context));
        jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
        // Tombstones outlive the delta window, so a delta sync never misses a delete.
        long retention = builder.tombstoneRetention.toMillis();
        long every = Math.max(10, Math.min(Duration.ofMinutes(1).toMillis(), retention / 2));
        timers.scheduleWithFixedDelay(() -> purgeTombstones(retention), every, every, TimeUnit.MILLISECONDS);
        try {
            jetty.start();
        } catch (Exception e) {
            store.close();
            timers.shutdownNow();
            changes.close();
            if (e instanceof IOException) { // the address is taken, say, or not this machine's
                throw new ServerStartException("cannot listen on " + builder.host + ":" + builder.port + ": " + reason(e), e);
            }
            throw e;
        }
    }

    /**
     * Makes the database ready to serve {@code toServe}: tables for its models, its stored records
     * checked ({@link #checkStoredKeys}) and made to fit it ({@link StoredRecordsCheck}), indexes
     * for its keys; the models and keys of a schema served before it are served no more.
     */
    private void prepare(Schema toServe) {
        List<String> models = toServe.models().stream().map(ModelDef::name).toList();
        Map<String, Set<RecordStore.SortedKey>> keys = KeyQuery.readKeys(toServe);
        store.addModels(models);
        checkStoredKeys(store, toServe);
        StoredRecordsCheck.run(store, toServe);
        store.indexSorted(keys);
        store.retainServed(models, keys);
    }

    /**
     * Once a schema is served: names the models whose records the database holds that it does not
     * serve, and retires the indexes that no key of it uses ({@link RecordStore#retireUnusedIndexes}).
     */
    private void tidy() {
        for (Map.Entry<String, Long> unserved : store.unservedModels().entrySet()) { // not a lambda, whose name the log line would show
            String model = unserved.getKey();
            long records = unserved.getValue();
            LOG.log(System.Logger.Level.WARNING, "the database holds " + records
                    + (records == RecordStore.UNSERVED_COUNTED ? " or more" : "") + (records == 1 ? " record" : " records")
                    + " of " + model + ", a model this schema"
                    + " does not have (dropped or renamed): kept, not served, and served again once the schema has "
                    + model + " again");
        }
        RecordStore.UnusedIndexes unused = store.retireUnusedIndexes();
        if (!unused.names().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, unused.dropped()
                    ? "dropped indexes that no key of this schema uses: " + unused.names()
                    : "indexes that no key of this schema uses, to drop once no node runs an older schema: " + unused.names());
        }
    }

    /**
     * Serves {@code next} from now on, in place of the schema served, on the same address and
     * database and with the same options, without stopping: the API of {@code next} is built
     * while the server goes on serving, then the database is made ready for it as a start would
     * (tables for new models, stored records checked and filled in, indexes), with no request
     * running meanwhile; those that come wait for it and are served by {@code next}. Real-time
     * connections are then closed (status 1012, service restart), their subscriptions having been
     * made against the schema before, and clients connect again.
     *
     * <p>If the database cannot be served with {@code next} (a {@link ServerStartException} says
     * why, as it would at a start: stored records lack a field it requires, say), the schema
     * before is served on, and real-time connections stay open.
     *
     * @throws IllegalArgumentException if {@code next} has no model
     * @throws IllegalStateException if the server is closed
     */
    public void replaceSchema(Schema next) {
        requireModels(next);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the server is closed");
            }
            // one that fails has only added the new schema's models and keys to the store's: the API served on finds its own
            served.replace(apis.apply(next), () -> prepare(next));
            if (!authenticator.open()) {
                warnOfUnreachable(next, authenticator);
            }
            for (Session connection : realtimeConnections.getOpenSessions()) {
                connection.close(StatusCode.SERVICE_RESTART, "the schema changed", Callback.NOOP);
            }
            try {
                tidy();
            } catch (RuntimeException e) { // the new schema is served all the same; only the warnings and the clean-up are missed
                LOG.log(System.Logger.Level.WARNING, "could not look for records and indexes the schema no longer uses", e);
            }
        }
    }

    /**
     * Names, one warning for each reason, the models whose rules let no caller of this server do
     * some operation: the rules take a kind of caller the server has no credentials for, or one
     * it cannot take at all (AWS IAM, a Lambda authorizer).
     */
    private static void warnOfUnreachable(Schema schema, Authenticator authenticator) {
        Map<AuthPolicy.Unreachable, List<String>> models = new LinkedHashMap<>();
        for (ModelDef model : schema.models()) {
            AuthPolicy.Unreachable unreachable = AuthPolicy.unreachable(model, authenticator.takesApiKeys(),
                    authenticator.takesTokens());
            if (unreachable != null) {
                models.computeIfAbsent(unreachable, key -> new ArrayList<>()).add(model.name());
            }
        }
        // a loop rather than a lambda, so that the log names this method
        for (Map.Entry<AuthPolicy.Unreachable, List<String>> entry : models.entrySet()) {
            List<String> names = entry.getValue();
            LOG.log(System.Logger.Level.WARNING, "no caller of this server may "
                    + entry.getKey().operations() + " records of " + (names.size() <= 10 ? AuthPolicy.listed(names, "and")
                    : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more models") + ": "
                    + entry.getKey().why());
        }
    }

    /**
     * TLS from the builder's PKCS#12 key store, read now, so that a file that cannot be read, or a
     * wrong password, stops the start with the reason.
     */
    private static SslConnectionFactory tlsConnections(Builder builder) {
        KeyStore keys;
        try (InputStream in = Files.newInputStream(builder.tlsKeyStore)) {
            keys = KeyStore.getInstance("PKCS12");
            keys.load(in, builder.tlsKeyStorePassword.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            String why = e.getCause() instanceof UnrecoverableKeyException ? "wrong password"
                    : e instanceof FileSystemException unreadable ? IoReasons.of(unreadable)
                    : "not a PKCS#12 key store, or a damaged one" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
            throw new ServerStartException("cannot read the TLS key store " + builder.tlsKeyStore + " (PKCS#12): " + why, e);
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(builder.tlsKeyStorePassword);
        return new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString());
    }

    /**
     * The HTTP configuration of a TLS connector: requests are known to be secure. A client that
     * reached the server by an address (127.0.0.1, as in development) sends no server name, and
     * one naming another host than the certificate's is its own affair: Jetty's check that the
     * Host header matches the name in the handshake is left off.
     */
    private static HttpConfiguration secure(HttpConfiguration http) {
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        https.addCustomizer(customizer);
        return https;
    }

    /**
     * Responses to {@code POST /graphql} gzipped for clients that accept it (Amplify's do): a base
     * sync page of 1,000 records is several hundred KB of JSON, about five times less at level 1,
     * which costs the server a few milliseconds a page (nginx's default level, for the same trade).
     * Small responses are left as they are. Request bodies are not unzipped here: Jetty 12.1.14's
     * decoder spins on a CPU forever over a gzipped body that is cut short; {@link GraphQlHandler}
     * unzips them.
     */
    private static Handler compressed(Handler handler) {
        GzipEncoderConfig level = new GzipEncoderConfig();
        level.setCompressionLevel(1);
        GzipCompression gzip = new GzipCompression();
        gzip.setDefaultEncoderConfig(level);
        gzip.setMinCompressSize(1024);
        CompressionHandler compression = new CompressionHandler(handler);
        compression.putCompression(gzip);
        compression.putConfiguration("/graphql", CompressionConfig.builder().compressIncludeMethod("POST")
                .compressIncludeMimeType("application/json").decompressExcludePath("/*").build());
        return compression;
    }

    /**
     * Purges the tombstones older than {@code retention} ms. A purge that fails (a full disk, a
     * lost database connection) is tried again at the next turn: a task of the timers that threw
     * would never run again. Its first failure is logged with its cause; while it goes on failing,
     * a line once an hour rather than one a turn, and a line when a purge works again.
     */
    private void purgeTombstones(long retention) {
        try {
            store.purgeTombstones(System.currentTimeMillis() - retention);
            if (purgesFailed > 0) {
                LOG.log(System.Logger.Level.INFO, "tombstones purged again, after " + tries(purgesFailed) + " that failed");
                purgesFailed = 0;
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (purgesFailed++ == 0) {
                LOG.log(System.Logger.Level.WARNING, "could not purge tombstones (tried again shortly)", e);
                purgeFailureLoggedAt = now;
            } else if (now - purgeFailureLoggedAt >= PURGE_FAILURE_REMINDER_NANOS) {
                LOG.log(System.Logger.Level.WARNING, "still could not purge tombstones, " + tries(purgesFailed)
                        + " in a row failed: " + e.getMessage());
                purgeFailureLoggedAt = now;
            }
        }
    }

    private static String tries(int count) {
        return count == 1 ? "1 try" : count + " tries";
    }

    /**
     * The innermost message of {@code failure}: "Address already in use" rather than Jetty's
     * "Failed to bind"; "no such host" for a host name that did not resolve, whose failure has no
     * message of its own.
     */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "no such host";
            }
        }
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause().getMessage() != null) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage();
    }

    /**
     * Refuses a database whose records of a model are keyed by other fields than the model's
     * primary key is now (the schema changed the key of a model that has records): reads by the
     * new key would miss every one of them, and a create would add a second record with a key one
     * has already. A model's first stored record tells.
     */
    private static void checkStoredKeys(RecordStore store, Schema schema) {
        for (ModelDef model : schema.models()) {
            for (StoredRecord record : store.scan(model.name(), null, 1)) {
                String key;
                try {
                    key = DataService.key(model, record.data());
                } catch (ApiException e) { // a key field it does not have
                    key = null;
                }
                if (!record.key().equals(key)) {
                    throw new ServerStartException("the database keeps " + model.name() + " records under another key"
                            + " than " + String.join(", ", model.primaryKey()) + " (one is stored as " + record.key()
                            + "): the schema changed the key of a model that has records; serve it from a new database,"
                            + " or give the model a new name", null);
                }
            }
        }
    }

    /** A server for {@code schema}, which must have a model: the API of a schema without one would be empty. */
    public static Builder builder(Schema schema) {
        return new Builder(requireModels(schema));
    }

    private static Schema requireModels(Schema schema) {
        if (schema.models().isEmpty()) {
            throw new IllegalArgumentException("the schema declares no @model type: there is nothing to serve");
        }
        return schema;
    }

    /** Whether the server takes every request, with no API key, JWT secret or JWKS given. */
    public boolean acceptsEveryone() {
        return authenticator.open();
    }

    /** The auth modes in force, in words, for start-up messages. */
    public String authModes() {
        return authenticator.modes();
    }

    /** The web origins whose pages may call the server, as browsers name them; {@code "*"} for any. */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Where the API is served: {@code http://} or, with TLS, {@code https://}, then the host, the port and {@code /graphql}. */
    public URI endpoint() {
        return URI.create((tls ? "https://" : "http://") + host + ":" + port() + "/graphql");
    }

    /**
     * Stops: takes no new connections or requests, lets the requests already running finish and
     * be answered (for up to 10 s; those still running then are cut off, and a warning logged),
     * then closes the real-time connections and the database.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            jetty.stop();
        } catch (TimeoutException e) { // Jetty stopped all the same
            LOG.log(System.Logger.Level.WARNING,
                    "requests still running " + STOP_TIMEOUT.toSeconds() + " s after the server began to stop were cut off");
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly: " + e.getMessage(), e);
        } finally {
            timers.shutdownNow();
            changes.close();
            store.close();
        }
    }

    /** Options of a server; every one has a default but the schema. */
    public static final class Builder {
        private static final int MAX_BODY_LIMIT = 1 << 30;
        private static final Duration LONGEST_RETENTION = Duration.ofDays(36_500);
        private final Schema schema;
        private String host = "127.0.0.1";
        private int port = 20002;
        private Path database = Path.of("datastore4j-server.db");
        private String jdbcUrl;
        private ConflictStrategy conflicts = ConflictStrategy.AUTOMERGE;
        private ConflictResolver resolver;
        private Duration deltaRetention = Duration.ofMinutes(30);
        private Duration tombstoneRetention = Duration.ofDays(30);
        private int maxBodyBytes = 1 << 20;
        private long maxResponseBytes = 16L << 20;
        private long maxUnsentBytes = 16L << 20;
        private boolean metrics;
        private Duration keepAlive = Duration.ofMinutes(1);
        private int maxDepth = 15;
        private int maxComplexity = 2000;
        private List<String> apiKeys = List.of();
        private Path apiKeysFile;
        private Path jwtSecretsFile;
        private List<String> jwtSecrets = List.of();
        private Path jwks;
        private Authenticator.TokenScope tokenScope = Authenticator.TokenScope.ANY;
        private List<String> allowedOrigins = List.of();
        private Path tlsKeyStore;
        private String tlsKeyStorePassword;

        private Builder(Schema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port to listen on; 0 picks a free one (see {@link SyncServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("the port must be 0 (any free port) to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The SQLite file of the embedded store (the default: {@code datastore4j-server.db}). */
        public Builder database(Path file) {
            this.database = file;
            this.jdbcUrl = null;
            return this;
        }

        /**
         * A PostgreSQL database instead, as a JDBC URL with credentials
         * ({@code jdbc:postgresql://host/db?user=...&password=...}); servers sharing it act as one.
         */
        public Builder postgres(String jdbcUrl) {
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl + "; the server keeps its records in"
                        + " a SQLite file or a PostgreSQL database (jdbc:postgresql://host/db?user=...&password=...)");
            }
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        public Builder conflictStrategy(ConflictStrategy strategy) {
            this.conflicts = strategy;
            return this;
        }

        /** The resolver for {@link ConflictStrategy#CUSTOM}; without one, the first found by {@link ServiceLoader}. */
        public Builder conflictResolver(ConflictResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        private ConflictResolver resolver() {
            if (conflicts != ConflictStrategy.CUSTOM) {
                return null;
            }
            if (resolver != null) {
                return resolver;
            }
            return ServiceLoader.load(ConflictResolver.class).findFirst().orElseThrow(() -> new IllegalStateException(
                    "conflict strategy CUSTOM needs a ConflictResolver: list one in"
                            + " META-INF/services/dev.datastore4j.server.ConflictResolver on the class path"));
        }

        /**
         * How far back a delta sync may reach (30 minutes by default); a sync whose {@code lastSync}
         * is older is a base sync.
         */
        public Builder deltaRetention(Duration retention) {
            this.deltaRetention = retention(retention, "delta retention");
            return this;
        }

        /** How long a deleted record stays as a tombstone that syncs return; at least the delta retention. */
        public Builder tombstoneRetention(Duration retention) {
            this.tombstoneRetention = retention(retention, "tombstone retention");
            return this;
        }

        private static Duration retention(Duration retention, String what) {
            if (retention.isNegative() || retention.compareTo(LONGEST_RETENTION) > 0) {
                throw new IllegalArgumentException("the " + what + " must be 0 to 100 years, not " + retention);
            }
            return retention;
        }

        /**
         * The largest request body taken, 1 MiB by default (a gzipped body counted unzipped); a
         * larger one gets a {@code BadRequest} error. At most 1 GiB: a body is read into memory
         * whole.
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1 || bytes > MAX_BODY_LIMIT) {
                throw new IllegalArgumentException("the largest request body must be 1 byte to 1 GiB (a body is held in"
                        + " memory whole), not " + bytes + " bytes");
            }
            this.maxBodyBytes = (int) bytes;
            return this;
        }

        /**
         * How much record data (as JSON, about) one request's answer may hold, 16 MiB by default:
         * once its fields have returned that much, its later fields fail with {@code BadRequest}
         * rather than read more. Each page of a list or sync also stops at about 1 MiB, with a
         * nextToken for the rest, as AppSync's DynamoDB queries do; so a DataStore client, which
         * asks for one page at a time, never meets this limit.
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the largest answer must be 1 byte or more, not " + bytes + " bytes");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Accept requests carrying this {@code x-api-key}; such callers pass {@code public} (apiKey)
         * rules. {@code null} for none. Replaces the keys given before (see {@link #apiKeys}).
         */
        public Builder apiKey(String key) {
            return apiKeys(key == null ? List.of() : List.of(key));
        }

        /**
         * Accept requests carrying any of these {@code x-api-key}s, as AppSync takes several keys at
         * once: an app's builds out in the world keep the old key while new builds carry its
         * successor. Empty for none; replaces the keys given before. An empty key is refused (an
         * empty environment variable would otherwise let in every request with an empty header),
         * and so is one with white space at an end, which HTTP drops from header values, so that
         * no request could carry it.
         */
        public Builder apiKeys(Collection<String> keys) {
            for (String key : keys) {
                if (key.isBlank()) {
                    throw new IllegalArgumentException("the API key is empty: a request with an empty x-api-key header would"
                            + " pass; give a key, or none for no API key auth");
                }
                if (!key.equals(key.strip())) {
                    throw new IllegalArgumentException("the API key begins or ends with white space, which HTTP drops from"
                            + " header values, so no request could carry it");
                }
            }
            this.apiKeys = List.copyOf(keys);
            return this;
        }

        /**
         * Accept requests carrying any of the {@code x-api-key}s this file holds, besides those given
         * by {@link #apiKeys}: one a line, blank lines and lines beginning with {@code #} skipped.
         * The file is read again when it changes, within a second of a request that follows, so a
         * key is added, or withdrawn (one that leaked), without a restart; a file then unreadable or
         * empty leaves the keys read before in use, with a warning. {@code null} for none.
         */
        public Builder apiKeysFile(Path file) {
            this.apiKeysFile = file;
            return this;
        }

        /**
         * Accept HS256 JWTs signed with this secret in {@code Authorization}; their claims meet
         * owner, group and private rules. {@code null} for none. Replaces the secrets given before
         * (see {@link #jwtSecrets}).
         */
        public Builder jwtSecret(String secret) {
            return jwtSecrets(secret == null ? List.of() : List.of(secret));
        }

        /**
         * Accept HS256 JWTs signed with any of these secrets, so that a secret can be replaced
         * without turning away the tokens signed with it before: sign new tokens with its
         * successor, and drop the old secret once they have expired. Empty for none; replaces the
         * secrets given before. A secret of fewer than 32 bytes (in UTF-8) is refused: RFC 7518
         * asks for a key at least as long as the hash, and a short one can be found by trying.
         */
        public Builder jwtSecrets(Collection<String> secrets) {
            for (String secret : secrets) {
                String problem = Authenticator.jwtSecretProblem(secret);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            this.jwtSecrets = List.copyOf(secrets);
            return this;
        }

        /**
         * Accept HS256 JWTs signed with any of the secrets this file holds, besides those given by
         * {@link #jwtSecrets}: one a line, blank lines and lines beginning with {@code #} skipped,
         * each of 32 bytes at least. The file is read again when it changes, within a second of a
         * request that follows, so a secret is added or withdrawn without a restart; a file then
         * unreadable, empty or holding a short secret leaves the secrets read before in use, with a
         * warning. {@code null} for none.
         */
        public Builder jwtSecretsFile(Path file) {
            this.jwtSecretsFile = file;
            return this;
        }

        /**
         * Take only JWTs whose {@code iss} claim is this, such as
         * {@code https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf} for a Cognito user
         * pool, as AppSync does; {@code null} for any issuer.
         */
        public Builder jwtIssuer(String issuer) {
            if (issuer != null && issuer.isBlank()) {
                throw new IllegalArgumentException("the JWT issuer is empty");
            }
            this.tokenScope = new Authenticator.TokenScope(issuer, tokenScope.audiences());
            return this;
        }

        /**
         * Take only JWTs issued for one of these apps: their {@code aud} claim (or a Cognito access
         * token's {@code client_id}) names one of these client ids, as AppSync's client id setting
         * does; empty for any. Replaces the ids given before.
         */
        public Builder jwtAudiences(Collection<String> clientIds) {
            if (clientIds.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("a JWT audience (client id) is empty");
            }
            this.tokenScope = new Authenticator.TokenScope(tokenScope.issuer(), Set.copyOf(clientIds));
            return this;
        }

        /** Queries nested deeper than this (15 by default) are refused before they run; DataStore's own are 4 deep. */
        public Builder maxDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("the deepest query must be 1 level or more, not " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        /**
         * Queries selecting more fields than this (2,000 by default, counted through every nesting)
         * are refused before they run.
         */
        public Builder maxComplexity(int complexity) {
            if (complexity < 1) {
                throw new IllegalArgumentException("the most fields a query may select must be 1 or more, not " + complexity);
            }
            this.maxComplexity = complexity;
            return this;
        }

        /**
         * Accept RS256 JWTs signed by a key of this JWKS file (matched by {@code kid}). The file is
         * read again when it changes, within a second of a request that follows, so that rotated-in
         * keys are taken and withdrawn ones refused without a restart; a file then unreadable or
         * without RSA keys leaves the keys read before in use, with a warning.
         */
        public Builder jwks(Path file) {
            this.jwks = file;
            return this;
        }

        /**
         * The web origins whose pages may call the server (CORS), such as {@code http://localhost:3000},
         * or {@code "*"} for any. By default none: a request naming another origin than the
         * server's own in an {@code Origin} header, as browsers send, is refused, while apps and
         * other clients, which send none (or the server's own), are served. Replaces the origins
         * given before; an argument that is not an origin is refused.
         */
        public Builder allowOrigins(Collection<String> origins) {
            this.allowedOrigins = WebOrigins.normalize(origins);
            return this;
        }

        /**
         * Serve HTTPS and WSS with the key and certificate chain of this PKCS#12 key store (what
         * {@code keytool} makes, and {@code openssl pkcs12 -export} from PEM files), rather than
         * plain HTTP. Amplify's JavaScript client always connects to the real-time endpoint over
         * {@code wss://}, so its subscriptions need TLS, here or in a proxy in front of the server.
         * {@code null} for none.
         */
        public Builder tls(Path keyStore, String password) {
            if (keyStore != null && password == null) {
                throw new IllegalArgumentException("the TLS key store " + keyStore + " needs its password");
            }
            this.tlsKeyStore = keyStore;
            this.tlsKeyStorePassword = password;
            return this;
        }

        /**
         * How much may wait to be sent on one real-time connection (16 MiB by default) before it
         * is cut: a subscriber that stops reading cannot make the server keep every change for it.
         * A connection is cut too when one message alone is larger, so keep it above the largest
         * record (400 KB).
         */
        public Builder maxUnsentBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the most a real-time connection may leave unsent must be 1 byte or more,"
                        + " not " + bytes + " bytes");
            }
            this.maxUnsentBytes = bytes;
            return this;
        }

        /**
         * Whether to serve {@code GET /metrics}: what the server has done since it started
         * (operations by model and outcome, HTTP answers, real-time connections, the JVM's heap), in
         * Prometheus's text format, without credentials. Off by default.
         */
        public Builder metrics(boolean serve) {
            this.metrics = serve;
            return this;
        }

        /**
         * How often an idle real-time connection gets a {@code ka} message, every minute by default,
         * up to a day; one that carries nothing for five of them is closed.
         */
        public Builder keepAlive(Duration interval) {
            if (interval.toMillis() < 1 || interval.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("the keep-alive interval must be 1 ms to 1 day, not " + interval);
            }
            this.keepAlive = interval;
            return this;
        }

        public SyncServer start() throws Exception {
            if (tombstoneRetention.compareTo(deltaRetention) < 0) {
                throw new IllegalArgumentException("the tombstone retention (" + tombstoneRetention
                        + ") must be at least the delta retention (" + deltaRetention + "), or delta syncs would miss deletes");
            }
            return new SyncServer(this);
        }
    }
}
