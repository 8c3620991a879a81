package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelSchema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable queue of local mutations waiting for the server, in the same database as the data,
 * so that a write and its entry commit together. Entries are read one at a time from the table;
 * memory does not grow with the queue.
 *
 * <p>Merge rules on enqueue keep at most one pending mutation per record: create+update → create,
 * create+delete → nothing, update+update → update, update+delete → delete. A mutation with a
 * condition is appended, never merged, and nothing is merged into the entry being sent
 * (in flight) or into a conditional one.
 */
public final class Outbox {
    static final String TABLE = "_datastore_outbox";
    private static final String SELECT = "SELECT seq, model, record_id, type, data, condition, in_flight FROM " + TABLE;

    private final Store store;
    /**
     * The last sequence number given (guarded by the store's write lock: entries are only queued
     * inside write transactions). The store numbers entries itself, counting on from the highest
     * number stored when it opened, and never gives a number twice while it is open, even after
     * the outbox empties ({@link DataStore#clear()}): a late {@link #remove} of an entry that was
     * being sent can never remove a newer one that reuses its number. SQLite's {@code
     * AUTOINCREMENT} would keep that promise too, but by writing its sequence table in every
     * transaction that queues an entry: one page more for each commit, about 7% of a single save
     * (docs/benchmarks.md). Databases created before keep their {@code AUTOINCREMENT} table, which
     * takes the numbers given here as well.
     */
    private long lastSequence;

    Outbox(Store store) {
        this.store = store;
        store.write(tx -> {
            try (ResultSet rows = tx.db().prepare("SELECT max(seq) FROM " + TABLE).executeQuery()) {
                lastSequence = rows.next() ? rows.getLong(1) : 0;
            }
            return null;
        });
    }

    static void createTable(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (seq INTEGER PRIMARY KEY,"
                + " model TEXT NOT NULL, record_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,"
                + " condition TEXT, in_flight INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)");
        statement.execute("CREATE INDEX IF NOT EXISTS \"" + TABLE + ".record\" ON " + TABLE + " (model, record_id, seq)");
    }

    static int count(Connection connection) throws SQLException {
        return countWhere(connection, "1");
    }

    /**
     * Gives {@code field} the value {@code json} in the pending creates and updates of {@code
     * model} that set it to null: opening a database written before the field was required fills
     * in its {@code @default} in the records, and their pending mutations carry what the records
     * now hold. The server would refuse an update setting a required field to null, and the change
     * it carries would be lost (a create gets the default there anyway). Mutations written before
     * the field existed, which leave it out, are left as they are: a create that leaves it out gets
     * the default from the server, and an update that leaves it out does not change it.
     */
    static void fillIn(Connection connection, String model, String field, String json) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET data = json_set(data, ?,"
                + " json(?)) WHERE model = ? AND type IN ('CREATE', 'UPDATE') AND json_type(data, ?) = 'null'")) {
            String path = "$." + field;
            update.setString(1, path);
            update.setString(2, json);
            update.setString(3, model);
            update.setString(4, path);
            update.executeUpdate();
        }
    }

    /**
     * Puts {@code field}, back in the schema, into the pending creates and updates of its model
     * that lack it, with the value its record holds. It was left out of them when it was removed
     * (the server's inputs did not have it), while its column kept the value the app last saved,
     * since nothing writes a removed field's column: the mutations now read as if the field had
     * never been removed, so the server gets the value the app shows rather than keeping an older
     * one. The entry in flight was sent without it, and stays as it was sent. Read a page of
     * entries at a time, since SQLite does not let a table change under a running query of it.
     */
    static void putBack(Connection connection, ModelSchema<?> schema, ModelField<?, ?> field) throws SQLException {
        List<? extends ModelField<?, ?>> key = schema.primaryKey();
        String path = "$." + field.name();
        String record = "SELECT " + Tables.quote(field.name()) + " FROM " + Tables.quote(schema.name()) + " WHERE "
                + String.join(" AND ", key.stream().map(f -> Tables.quote(f.name()) + " = ?").toList());
        // "+model": read on in order of seq from where the page before stopped, not through the
        // index on model, which would read (and sort) every entry of the model for each page
        try (PreparedStatement page = connection.prepareStatement("SELECT seq, data FROM " + TABLE + " WHERE seq > ?"
                        + " AND +model = ? AND type IN ('CREATE', 'UPDATE') AND in_flight = 0 AND json_type(data, ?) IS NULL"
                        + " ORDER BY seq LIMIT 500");
                PreparedStatement read = connection.prepareStatement(record);
                PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET data = json_set(data, ?,"
                        + " json(?)) WHERE seq = ?")) {
            page.setString(2, schema.name());
            page.setString(3, path);
            long after = 0;
            boolean more = true;
            while (more) {
                page.setLong(1, after);
                Map<Long, String> entries = new LinkedHashMap<>();
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        entries.put(rows.getLong(1), rows.getString(2));
                    }
                }
                more = entries.size() == 500;
                for (Map.Entry<Long, String> entry : entries.entrySet()) {
                    after = entry.getKey();
                    JsonNode data;
                    try {
                        data = Values.JSON.readTree(entry.getValue());
                    } catch (IOException e) {
                        throw new SQLException("pending mutation " + entry.getKey() + " holds unreadable JSON", e);
                    }
                    for (int i = 0; i < key.size(); i++) {
                        FieldType<?> type = key.get(i).type();
                        read.setObject(i + 1, Values.toSql(type, Values.fromJson(type, data.get(key.get(i).name()))));
                    }
                    try (ResultSet stored = read.executeQuery()) {
                        if (stored.next()) { // a record gone (deleted by SQL, say) gives nothing to put back
                            update.setString(1, path);
                            update.setString(2, Values.toJson(field.type(), Values.fromSql(field.type(), stored.getObject(1)))
                                    .toString());
                            update.setLong(3, entry.getKey());
                            update.executeUpdate();
                        }
                    }
                }
            }
        }
    }

    /** The number of pending mutations of {@code model}. */
    static int count(Connection connection, String model) throws SQLException {
        return countWhere(connection, "model = ?", model);
    }

    /** The number of pending mutations of {@code model} whose condition tests {@code field}. */
    static int conditionsTesting(Connection connection, String model, String field) throws SQLException {
        return countWhere(connection, "model = ? AND instr(condition, ?) > 0", model, '"' + field + "\":"); // a key of its JSON
    }

    private static int countWhere(Connection connection, String where, String... parameters) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                count.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * Leaves {@code field}, no longer in the schema, out of the pending mutations of {@code
     * model}: the server's inputs no longer have it, and would refuse a mutation naming it.
     */
    static void leaveOut(Connection connection, String model, String field) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                + " SET data = json_remove(data, ?) WHERE model = ? AND json_type(data, ?) IS NOT NULL")) {
            String path = "$." + field;
            update.setString(1, path);
            update.setString(2, model);
            update.setString(3, path);
            update.executeUpdate();
        }
    }

    /** The number of pending mutations. */
    public int size() {
        return store.read(db -> count(db.connection()));
    }

    /** The oldest pending mutation, as it is now; {@link #next} takes it for sending. */
    public Optional<PendingMutation> peek() {
        return store.read(Outbox::head);
    }

    /**
     * Takes the oldest pending mutation for sending: marks it in flight and returns it, in one
     * transaction, so that nothing merges into it from then on and what is sent is what stays
     * queued until {@link #remove}. (Looking first and marking after would leave a gap in which
     * a local delete could merge the entry away, and a create of a deleted record be sent.) An
     * entry already in flight, from a send that did not finish, is returned again, so the outbox
     * has one sender: mutations of a record must reach the server in order, one at a time. Empty
     * when nothing is pending.
     */
    public Optional<PendingMutation> next() {
        return store.write(tx -> {
            Optional<PendingMutation> head = head(tx.db());
            if (head.isEmpty() || head.get().inFlight()) {
                return head;
            }
            PendingMutation taken = head.get();
            PreparedStatement update = tx.db().prepare("UPDATE " + TABLE + " SET in_flight = 1 WHERE seq = ?");
            update.setLong(1, taken.sequence());
            update.executeUpdate();
            return Optional.of(new PendingMutation(taken.sequence(), taken.model(), taken.recordId(), taken.type(),
                    taken.data(), taken.condition(), true));
        });
    }

    private static Optional<PendingMutation> head(Db db) throws SQLException {
        try (ResultSet rows = db.prepare(SELECT + " ORDER BY seq LIMIT 1").executeQuery()) {
            return rows.next() ? Optional.of(mutation(rows)) : Optional.empty();
        }
    }

    /**
     * Hands {@code action} every entry of the outbox {@code connection} reads, oldest first, one
     * row in memory at a time; returns how many. Refuses a database that has no outbox.
     */
    static int readAll(Connection connection, Consumer<? super PendingMutation> action) throws SQLException {
        try (PreparedStatement table = connection.prepareStatement(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            table.setString(1, TABLE);
            try (ResultSet found = table.executeQuery()) {
                if (!found.next()) {
                    throw new SQLException("it is not an app's store (it has no outbox; a sync server's database has none)");
                }
            }
        }
        int count = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SELECT + " ORDER BY seq")) {
            while (rows.next()) {
                action.accept(mutation(rows));
                count++;
            }
        }
        return count;
    }

    /**
     * Removes {@code mutation}, taken with {@link #next}, once the server has accepted (or finally
     * rejected) it. One only looked at with {@link #peek} is refused: local changes made since may
     * have been merged into its entry, and removing it would drop them unsent.
     *
     * @throws IllegalArgumentException when {@code mutation} was not taken with {@link #next}
     */
    public void remove(PendingMutation mutation) {
        if (!mutation.inFlight()) {
            throw new IllegalArgumentException("only a mutation taken with next() can be removed: the entry of one"
                    + " only peeked at may hold local changes made since, merged into it and not sent");
        }
        store.write(tx -> {
            PreparedStatement delete = tx.db().prepare("DELETE FROM " + TABLE + " WHERE seq = ? AND in_flight = 1");
            delete.setLong(1, mutation.sequence());
            delete.executeUpdate();
            return null;
        });
    }

    /**
     * Adds a mutation inside the caller's transaction, merging it into the record's pending one
     * when the rules allow. A create never merges: a record that is not stored locally can only
     * have a pending delete, which a create must follow, not replace.
     */
    void enqueue(Db db, String model, String recordId, PendingMutation.Type type, String data,
            String condition) throws SQLException {
        if (condition == null && type != PendingMutation.Type.CREATE) {
            PreparedStatement last = db.prepare("SELECT seq, type, condition, in_flight FROM " + TABLE
                    + " WHERE model = ? AND record_id = ? ORDER BY seq DESC LIMIT 1");
            last.setString(1, model);
            last.setString(2, recordId);
            long seq;
            PendingMutation.Type pending;
            try (ResultSet rows = last.executeQuery()) {
                boolean mergeable = rows.next() && rows.getString(3) == null && rows.getInt(4) == 0;
                seq = mergeable ? rows.getLong(1) : -1;
                pending = mergeable ? PendingMutation.Type.valueOf(rows.getString(2)) : null;
            }
            if (pending != null && merge(db, seq, pending, type, data)) {
                return;
            }
        }
        PreparedStatement insert = db.prepare("INSERT INTO " + TABLE
                + " (seq, model, record_id, type, data, condition, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.setLong(1, ++lastSequence); // a transaction rolled back leaves a gap, which is harmless
        insert.setString(2, model);
        insert.setString(3, recordId);
        insert.setString(4, type.name());
        insert.setString(5, data);
        insert.setString(6, condition);
        insert.setLong(7, System.currentTimeMillis());
        insert.executeUpdate();
    }

    /** Applies a merge rule to the pending entry {@code seq}; false when the pair does not merge. */
    private static boolean merge(Db db, long seq, PendingMutation.Type pending, PendingMutation.Type next, String data)
            throws SQLException {
        if (pending == PendingMutation.Type.CREATE && next == PendingMutation.Type.DELETE) {
            PreparedStatement delete = db.prepare("DELETE FROM " + TABLE + " WHERE seq = ?"); // never reached the server
            delete.setLong(1, seq);
            delete.executeUpdate();
            return true;
        }
        PendingMutation.Type merged;
        if (pending == PendingMutation.Type.CREATE && next == PendingMutation.Type.UPDATE) {
            merged = PendingMutation.Type.CREATE;
        } else if (pending == PendingMutation.Type.UPDATE
                && (next == PendingMutation.Type.UPDATE || next == PendingMutation.Type.DELETE)) {
            merged = next;
        } else {
            return false;
        }
        PreparedStatement update = db.prepare("UPDATE " + TABLE + " SET type = ?, data = ? WHERE seq = ?");
        update.setString(1, merged.name());
        update.setString(2, data);
        update.setLong(3, seq);
        update.executeUpdate();
        return true;
    }

    private static PendingMutation mutation(ResultSet rows) throws SQLException {
        return new PendingMutation(rows.getLong(1), rows.getString(2), rows.getString(3),
                PendingMutation.Type.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6), rows.getInt(7) != 0);
    }
}
