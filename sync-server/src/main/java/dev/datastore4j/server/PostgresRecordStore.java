package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The production store: PostgreSQL, shared by any number of server processes. A one-row clock
 * table makes them behave as one server: every write transaction locks the row first, so writes
 * are serialised across nodes (versions stay a single history) and {@code _lastChangedAt} follows
 * commit order; a sync's {@code startedAt} is read through the same row. Each written record is
 * announced with {@code NOTIFY} in its transaction (the record itself in the notification, or in
 * a table of notices when too large for one), and every node (the writer included) relays it to
 * its own subscribers: PostgreSQL delivers notifications in commit order, and drops those of a
 * transaction (or savepoint) rolled back.
 *
 * <p>Every read the store makes has an index that gives its order (the key, the change order, a
 * sorted key), so reads never sort: without statistics, which a table of freshly written records
 * lacks until autovacuum analyzes it, the planner took a page of 100 out of 20,000 records of one
 * partition for a small sort and spent 160 ms on it instead of 2.
 */
final class PostgresRecordStore extends JdbcRecordStore {
    private static final String CHANNEL = "datastore4j_changes";

    /** The longest wait between two tries to listen again after the listening connection was lost. */
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final String url;
    private volatile Connection listener;
    private final Thread listenThread;
    private volatile boolean stopping;

    PostgresRecordStore(String url, ChangeSink sink) {
        super(open(url), readPool(url, 8, "SET enable_sort = off"));
        this.url = url;
        try {
            start("CREATE TABLE IF NOT EXISTS datastore4j_clock (id integer PRIMARY KEY, now bigint NOT NULL)",
                    "INSERT INTO datastore4j_clock VALUES (1, 0) ON CONFLICT DO NOTHING",
                    "CREATE TABLE IF NOT EXISTS datastore4j_notices (id bigserial PRIMARY KEY, written_at bigint NOT NULL,"
                            + " payload text NOT NULL)");
            listener = openListener(url);
        } catch (SQLException | ServerStartException e) {
            super.close();
            throw e instanceof ServerStartException start ? start
                    : new ServerStartException("cannot prepare the PostgreSQL database: " + e.getMessage(), e);
        }
        listenThread = new Thread(() -> listen(sink), "datastore4j-pg-listen");
        listenThread.setDaemon(true);
        listenThread.start();
    }

    /** A connection listening on the changes channel. */
    private static Connection openListener(String url) throws SQLException {
        Connection connection = open(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static Connection open(String url) {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new ServerStartException("cannot connect to " + url.replaceAll("password=[^&]*", "password=***") + ": "
                    + e.getMessage(), e);
        }
    }

    /** PostgreSQL's driver reads a whole result before handing out its first row, unless in a transaction with a fetch size. */
    @Override
    protected boolean fetchesWholeResultsOutsideTransactions() {
        return true;
    }

    @Override
    protected Connection reopen() {
        return open(url);
    }

    @Override
    protected void beginWrite() throws SQLException {
        try (ResultSet rows = prepare("SELECT now FROM datastore4j_clock WHERE id = 1 FOR UPDATE").executeQuery()) {
            rows.next();
        }
    }

    /** Any number; the same on every node. */
    private static final long SCHEMA_LOCK = 0x64733473L;

    /** Holds a session lock that every node takes for schema changes (it nests: each lock is unlocked once). */
    @Override
    protected <T> T schemaLocked(SqlWork<T> work) throws SQLException {
        try (Statement statement = connection().createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
        }
        try {
            return work.run();
        } finally {
            try (Statement statement = connection().createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
            }
            if (!connection().getAutoCommit()) {
                connection().commit();
            }
        }
    }

    @Override
    protected String fieldText(String field) {
        return "(data::jsonb ->> '" + field + "')";
    }

    /**
     * Text in byte order ({@code "C"}, which for UTF-8 is code point order), after a marker that
     * puts a missing value ({@code '0'}) before every present one ({@code '1'} and the value);
     * numbers as {@code float8} (GraphQL's Int and Float both fit), a missing one minus infinity;
     * booleans as 0 and 1, a missing one -1. A value of another JSON type (written under an older
     * schema, say) counts as missing instead of failing the cast, and with it the write.
     */
    @Override
    protected String keyColumn(KeyField field) {
        String json = "(data::jsonb -> '" + field.name() + "')";
        String text = fieldText(field.name());
        return switch (field.type()) {
            case TEXT -> "coalesce('1' || " + text + ", '0') COLLATE \"C\"";
            case NUMBER -> "coalesce(CASE jsonb_typeof(" + json + ") WHEN 'number' THEN " + text + "::float8 END, '-Infinity')";
            case BOOLEAN -> "coalesce(CASE jsonb_typeof(" + json + ") WHEN 'boolean' THEN " + text + "::boolean::int END, -1)";
        };
    }

    @Override
    protected Object keyValue(KeyField field, JsonNode value) {
        boolean missing = value == null || value.isNull() || value.isMissingNode();
        return switch (field.type()) {
            case TEXT -> missing ? "0" : "1" + value.asText();
            case NUMBER -> missing ? Double.NEGATIVE_INFINITY : value.doubleValue();
            case BOOLEAN -> missing ? -1 : value.asBoolean() ? 1 : 0;
        };
    }

    @Override
    protected String createTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (key text COLLATE \"C\" PRIMARY KEY, data text NOT NULL,"
                + " version integer NOT NULL, deleted integer NOT NULL, last_changed_at bigint NOT NULL)";
    }

    @Override
    protected String columnNames(String table) {
        return "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = '" + table + "'";
    }

    @Override
    protected String listModelTables() {
        return "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'model\\_%'";
    }

    @Override
    protected String listIndexes() {
        return "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                + " AND (tablename = 'records' OR tablename LIKE 'model\\_%')";
    }

    /** Other nodes, perhaps of an older schema, may still read through them. */
    @Override
    protected boolean dropsUnusedIndexes() {
        return false;
    }

    @Override
    protected long tick() throws SQLException {
        return advance("GREATEST(now + 1, " + NOW_MS + ")");
    }

    @Override
    protected long clockForSync() throws SQLException {
        long startedAt = advance("GREATEST(now, " + NOW_MS + ")"); // waits for writes in flight on any node
        connection().commit();
        return startedAt;
    }

    private static final String NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private long advance(String expression) throws SQLException {
        try (ResultSet rows = prepare("UPDATE datastore4j_clock SET now = " + expression + " WHERE id = 1 RETURNING now")
                .executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The longest notification sent with its record in it, in UTF-8 bytes: PostgreSQL refuses a
     * payload of 8,000 bytes or more (with its default page size).
     */
    static final int MAX_PAYLOAD_BYTES = 7_900;

    /** How long the notice of a change too large for a notification is kept for listeners to read. */
    private static final long NOTICE_RETENTION_MILLIS = TimeUnit.MINUTES.toMillis(10);

    /**
     * Announces {@code change}: its address, version and kind, and the record itself, so that
     * listeners relay that very version even when a later write has replaced it by the time they
     * hear of it. When all that is too large for a notification, it goes to the notices table in
     * the same transaction instead, and the notification names its row.
     */
    @Override
    protected void written(Change change) throws SQLException {
        StoredRecord record = change.record();
        ObjectNode payload = ProtocolJson.JSON.createObjectNode().put("m", record.model()).put("k", record.key())
                .put("t", change.kind().name()).put("v", record.version());
        ObjectNode whole = payload.deepCopy().put("d", record.deleted()).put("c", record.lastChangedAt());
        whole.set("r", record.data());
        String sent = whole.toString();
        if (sent.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            PreparedStatement insert = prepare("INSERT INTO datastore4j_notices (written_at, payload) VALUES (?, ?) RETURNING id");
            insert.setLong(1, record.lastChangedAt());
            insert.setString(2, sent);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                sent = payload.put("n", id.getLong(1)).toString();
                if (sent.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) { // a long key, written with escapes
                    sent = ProtocolJson.JSON.createObjectNode().put("n", id.getLong(1)).toString();
                }
            }
        }
        PreparedStatement notify = prepare("SELECT pg_notify('" + CHANNEL + "', ?)");
        notify.setString(1, sent);
        notify.executeQuery().close();
    }

    /**
     * What a notification announces, whole: itself, or the notice it names. When that notice was
     * purged before it was read (a listener ten minutes behind), the notification itself, which
     * names the record but does not hold it; empty when it named only the notice (the record's key
     * was too long to go with it).
     */
    private Optional<JsonNode> whole(JsonNode change) throws IOException, SQLException {
        if (change.has("n")) {
            try (PreparedStatement select = listener.prepareStatement("SELECT payload FROM datastore4j_notices WHERE id = ?")) {
                select.setLong(1, change.get("n").asLong());
                try (ResultSet notice = select.executeQuery()) {
                    if (notice.next()) {
                        return Optional.of(ProtocolJson.JSON.readTree(notice.getString(1)));
                    }
                }
            }
        }
        return change.has("m") ? Optional.of(change) : Optional.empty();
    }

    /**
     * The record a change announces: in it, or as stored, if its version is still the one stored
     * (empty when a later write has replaced it since).
     */
    private Optional<StoredRecord> announced(JsonNode change) throws SQLException {
        String model = change.get("m").asText();
        String key = change.get("k").asText();
        int version = change.get("v").asInt();
        if (change.get("r") instanceof ObjectNode data) {
            return Optional.of(new StoredRecord(model, key, data, version, change.get("d").asBoolean(),
                    change.get("c").asLong()));
        }
        return get(model, key).filter(record -> record.version() == version);
    }

    /** Purges, with the tombstones, the notices older than {@code olderThan} or than ten minutes. */
    @Override
    protected void purgedTombstones(long olderThan) throws SQLException {
        PreparedStatement delete = prepare("DELETE FROM datastore4j_notices WHERE written_at < ?");
        delete.setLong(1, Math.max(olderThan, System.currentTimeMillis() - NOTICE_RETENTION_MILLIS));
        delete.executeUpdate();
    }

    /**
     * Hands every notification to {@code sink} until the store closes. When the listening
     * connection is lost (the database restarted, the network failed), notifications sent
     * meanwhile are gone: the sink is told at once, and the connection is opened again, waiting
     * longer between tries up to {@value #MAX_RETRY_MILLIS} ms. The loss and the recovery are
     * logged once each.
     */
    private void listen(ChangeSink sink) {
        System.Logger log = System.getLogger(PostgresRecordStore.class.getName());
        while (!stopping) {
            try {
                PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(250);
                if (notifications == null) {
                    continue;
                }
                for (PGNotification notification : notifications) {
                    Optional<JsonNode> whole = whole(ProtocolJson.JSON.readTree(notification.getParameter()));
                    if (whole.isEmpty() || !hasModel(whole.get().get("m").asText())) {
                        continue; // lost, or a model of another node's newer schema: none of this node's subscribers
                    }
                    JsonNode change = whole.get();
                    announced(change).ifPresent(record -> sink.changed(record.model(),
                            Changes.Kind.valueOf(change.get("t").asText()), record));
                }
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                if (listening()) { // one notification failed (its record could not be read, say)
                    log.log(System.Logger.Level.WARNING, "change notification failed: " + e.getMessage());
                    continue;
                }
                log.log(System.Logger.Level.WARNING, "change notifications lost (" + e.getMessage() + "); listening again");
                sink.lost("the server lost its connection for change notifications, and may have missed some");
                if (listenAgain()) {
                    log.log(System.Logger.Level.INFO, "change notifications resumed");
                }
            }
        }
    }

    private boolean listening() {
        try {
            return listener.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Opens the listening connection again, waiting longer between tries; false when the store closes first. */
    private boolean listenAgain() {
        closeQuietly(listener);
        long wait = 100;
        while (!stopping) {
            try {
                Connection reopened = openListener(url);
                listener = reopened;
                if (stopping) { // closed meanwhile, perhaps before it saw this connection
                    closeQuietly(reopened);
                    return false;
                }
                return true;
            } catch (SQLException | ServerStartException e) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                wait = Math.min(wait * 2, MAX_RETRY_MILLIS);
            }
        }
        return false;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            listenThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(listener);
        super.close();
    }
}
