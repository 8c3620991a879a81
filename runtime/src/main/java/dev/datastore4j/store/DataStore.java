package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelReader;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.query.SortBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The local, offline-first store of the models of one generated registry, in one SQLite file.
 * Every save and delete commits together with its outbox entry, so nothing written is lost and
 * nothing is sent that was not written. Reads run beside writes; observers hear of a change only
 * after it committed. A database file has one store at a time, in this process or any other.
 *
 * <p>Each subscriber to a stream ({@code observe}, {@code observeQuery}) is served on its own: a
 * buffer of 256 items, and a subscriber that leaves it full for 2 s without requesting more gets
 * {@code onError} rather than holding up the others. Nothing reaches a subscriber once its
 * {@code cancel()} has returned.
 *
 * <p>The futures of the asynchronous forms ({@code saveAsync}, {@code queryAsync}, ...) complete
 * on the store's callback threads, so what is chained to them runs there, never where writes run:
 * a slow action holds up no write, and an action may wait for another of the store's futures.
 *
 * <pre>{@code
 * try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, Path.of("app.db"))) {
 *     store.save(Post.builder().title("Hello").build());
 *     List<Post> popular = store.query(Post.class, Post.RATING.gt(3), List.of(Post.TITLE.ascending()), Page.first(20));
 * }
 * }</pre>
 */
public final class DataStore implements AutoCloseable, ModelReader {
    /**
     * What a write that has returned survives. Either way a crash of the app or of the JVM,
     * at any moment, loses nothing that returned, and the database is never corrupted.
     */
    public enum Durability {
        /**
         * The default. A returned write survives the app being killed; a power cut or an
         * operating-system crash may undo the last writes before it (SQLite WAL with
         * {@code synchronous=NORMAL}: commits are written, and synced at checkpoints).
         */
        APP_CRASH,
        /**
         * A returned write is on the disk: every commit is synced before it returns (SQLite WAL
         * with {@code synchronous=FULL}). Slower per write, but writes from several threads share
         * each sync (group commit).
         */
        POWER_LOSS
    }

    /** What opening does with a database written for a schema it cannot be migrated from. */
    public enum WhenIncompatible {
        /** The default: refuse to open with a {@link SchemaMismatchException} naming every difference, the file left as it is. */
        REFUSE,
        /**
         * Start over with empty tables, unless mutations wait in the outbox: they have not reached
         * the server and would be lost, so opening is refused as with {@link #REFUSE}.
         */
        RESET,
        /**
         * Copy the whole database, pending mutations and all, to a new file beside it, then start
         * over with empty tables: nothing is lost, even with mutations pending. {@link
         * DataStore#setAside()} names the copy; {@link DataStore#readPendingMutations} reads the
         * mutations that were waiting in it, and it opens as a store with the schema it was written for.
         */
        SET_ASIDE
    }

    /** How to open a database. */
    public record Options(WhenIncompatible whenIncompatible, Durability durability) {
        public Options {
            Objects.requireNonNull(whenIncompatible, "whenIncompatible");
            Objects.requireNonNull(durability, "durability");
        }

        public static Options defaults() {
            return new Options(WhenIncompatible.REFUSE, Durability.APP_CRASH);
        }

        /** The defaults, but starting over when the database cannot be migrated ({@link WhenIncompatible#RESET}). */
        public static Options resetIfIncompatible() {
            return defaults().withResetIfIncompatible();
        }

        /** The defaults, but setting the database aside when it cannot be migrated ({@link WhenIncompatible#SET_ASIDE}). */
        public static Options setAsideIfIncompatible() {
            return defaults().withSetAsideIfIncompatible();
        }

        /** These options, starting over when the database cannot be migrated ({@link WhenIncompatible#RESET}). */
        public Options withResetIfIncompatible() {
            return new Options(WhenIncompatible.RESET, durability);
        }

        /** These options, setting the database aside when it cannot be migrated ({@link WhenIncompatible#SET_ASIDE}). */
        public Options withSetAsideIfIncompatible() {
            return new Options(WhenIncompatible.SET_ASIDE, durability);
        }

        /** These options with {@code durability}. */
        public Options withDurability(Durability durability) {
            return new Options(whenIncompatible, durability);
        }
    }

    private final ModelRegistry registry;
    private final Path file;
    private final Map<String, Rows<?>> rows = new HashMap<>();
    private final Changes changes = new Changes();
    private final Store store;
    private final Outbox outbox;
    /** The copy of the database this opening set aside, or null. */
    private final Path setAside;

    private DataStore(ModelRegistry registry, Path file, Options options) {
        this.registry = registry;
        this.file = file;
        for (ModelSchema<?> schema : registry.models()) {
            rows.put(schema.name(), new Rows<>(schema, registry.models()));
        }
        Store opened = null;
        Path copy = null;
        try {
            opened = new Store(file, options.durability(), changes::committed, Tables::refuseAnotherDatabase);
            try {
                opened.start(tx -> {
                    Tables.prepare(tx.connection(), registry, options.whenIncompatible() == WhenIncompatible.RESET);
                    return null;
                });
            } catch (SchemaMismatchException e) {
                if (options.whenIncompatible() != WhenIncompatible.SET_ASIDE) {
                    throw e;
                }
                copy = opened.copyTo(setAsideName(file, "set-aside"));
                opened.start(tx -> {
                    Tables.reset(tx.connection(), registry);
                    return null;
                });
            }
            this.outbox = new Outbox(opened);
        } catch (SQLException e) {
            if (opened != null) {
                opened.close();
            }
            changes.close();
            throw new DataStoreException("cannot open " + file + ": " + describe(e), e);
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            changes.close();
            throw e;
        }
        this.store = opened;
        this.setAside = copy;
    }

    /**
     * A name beside {@code file} for a copy of it set aside now, under {@code label}: {@code
     * app.db.set-aside-20261126T174005Z}, say.
     */
    static Path setAsideName(Path file, String label) {
        String stamp = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String name = file.getFileName() + "." + label + "-" + stamp;
        Path target = file.resolveSibling(name);
        // a -wal of that name (a restore's copy of one, left by a crash) would be read as the new file's
        for (int n = 2; Files.exists(target) || Files.exists(target.resolveSibling(target.getFileName() + "-wal")); n++) {
            target = file.resolveSibling(name + "-" + n);
        }
        return target;
    }

    /**
     * Why a database could not be opened or read, in words where SQLite's are obscure: on a full
     * disk, opening fails on the shared-memory file with "SQLITE_IOERR_SHMSIZE ... I/O error within
     * xShmMap" (seen on a full tmpfs), which does not say what to look at.
     */
    static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
            return "not a database, or corrupt (" + message + "); the file was left as it is";
        }
        if (message.contains("SQLITE_IOERR")) {
            return message + "; the disk may be full, or failing; the file was left as it is";
        }
        return message;
    }

    /**
     * Opens the store in {@code file} (created if missing) for the models of {@code registry}
     * (the generated {@code DataStoreModels.REGISTRY}), migrating a database written for an
     * older version of the schema; see {@link #open(ModelRegistry, Path, Options)}.
     */
    public static DataStore open(ModelRegistry registry, Path file) {
        return open(registry, file, Options.defaults());
    }

    /**
     * Opens the store in {@code file} (created if missing) for the models of {@code registry}.
     * New models, new optional fields and new indexes are added to an existing database in
     * place, a field now required is given its {@code @default} where stored records (and
     * pending creates and updates) lack it, a retyped field is kept while its stored values fit
     * the new type, and a removed field or model keeps its values, unread; a change that cannot be
     * migrated is refused with a {@link SchemaMismatchException} that names it, unless {@code
     * options} say otherwise ({@link WhenIncompatible}: a reset, refused while mutations wait in
     * the outbox, or a reset after setting a copy of the database aside). A file that is not a
     * database, or is corrupt, is refused and left as it is, and so is a file another store has
     * open, in this process or another: one store at a time.
     */
    public static DataStore open(ModelRegistry registry, Path file, Options options) {
        Copies.requireNamed(file, "open");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new DataStoreException("cannot open " + file + ": folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new DataStoreException("cannot open " + file + ": it is a folder; name a database file in it");
        }
        return new DataStore(registry, file, options);
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * The copy of the database this opening made before starting over, when it was opened with
     * {@link WhenIncompatible#SET_ASIDE} and could not be migrated: a complete SQLite database
     * beside {@link #file()}, pending mutations and all, which {@link #readPendingMutations} reads.
     * Empty when the database was opened (or migrated) as it was.
     */
    public Optional<Path> setAside() {
        return Optional.ofNullable(setAside);
    }

    /**
     * Hands {@code action} the mutations waiting in the outbox of the database in {@code file},
     * oldest first, and returns how many there were: the way to the offline changes of a copy
     * {@link #setAside() set aside}, with no registry needed (each is the record as JSON, as it
     * would have been sent). The file is opened read-only, one mutation in memory at a time; it
     * may be in a read-only folder (a backup, say) if it was closed cleanly.
     */
    public static int readPendingMutations(Path file, Consumer<? super PendingMutation> action) {
        Objects.requireNonNull(action, "action");
        Copies.requireDatabase(file, "read");
        return readPendingMutations(file, action, Files.isWritable(SqliteLibrary.fileOpened(file).getParent()));
    }

    /**
     * Copies the database in {@code file} to {@code copy}, a file that must not exist yet, also
     * while a store writes to it (or a sync server: its SQLite database is copied the same way).
     * The copy holds every write committed when it began; it is checked ({@code PRAGMA
     * integrity_check}) and synced to disk before it takes its name, so a file of that name is
     * always a whole copy. {@code file} is only read. Returns the copy's size in bytes; {@link
     * #restore} puts a copy back.
     */
    public static long backup(Path file, Path copy) {
        return Copies.backup(file, copy);
    }

    /**
     * Puts the database in {@code copy} (one {@link #backup} wrote, say) in the place of the one in
     * {@code file}, which no store or sync server may have open, and returns where the database
     * it replaced was set aside ({@code app.db.replaced-20261127T183000Z}), if there was one:
     * nothing is lost by restoring the wrong copy. The copy is checked first and written whole
     * beside {@code file} before anything is moved; it stays where it is. The replaced database,
     * with what its WAL held folded in (one left by a crash has commits there), keeps the
     * set-aside name as a second one (a hard link) and the copy is renamed over it: a crash
     * meanwhile leaves a whole database under the name, and the old WAL never meets the copy,
     * which SQLite would read as its own. A file SQLite cannot read, or one on a file system
     * without hard links, is moved aside with its {@code -wal} file instead, which opens with it.
     */
    public static Optional<Path> restore(Path copy, Path file) {
        return Copies.restore(copy, file);
    }

    /** {@link #readPendingMutations(Path, Consumer)}, told whether the file's folder can be written to. */
    static int readPendingMutations(Path file, Consumer<? super PendingMutation> action, boolean folderWritable) {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = SqliteLibrary.connect(readOnlyUrl(file, folderWritable), readOnly.toProperties())) {
            Tables.refuseNewerFormat(connection);
            return Outbox.readAll(connection, action);
        } catch (SQLException e) {
            throw new DataStoreException("cannot read " + file + ": " + describe(e), e);
        }
    }

    /**
     * Where to read {@code file} without writing anything. A store's database is in WAL mode, and
     * SQLite reads one only with its shared-memory file beside it, which it creates when missing:
     * in a read-only folder it cannot. A store closed cleanly left no WAL, so there the file is
     * read as immutable, with no shared memory; one that was not left its last writes in the
     * WAL, which only a copy in a writable folder can be read with.
     */
    static String readOnlyUrl(Path file, boolean folderWritable) throws SQLException {
        Path absolute = SqliteLibrary.fileOpened(file);
        if (folderWritable) {
            return "jdbc:sqlite:" + absolute;
        }
        Path wal = absolute.resolveSibling(absolute.getFileName() + "-wal");
        try {
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new SQLException("its folder is read-only and its last writes are still in " + wal
                        + " (it was not closed cleanly): copy both files to a writable folder and read the copy");
            }
        } catch (IOException e) {
            throw new SQLException("cannot read " + wal + ": " + e.getMessage(), e);
        }
        return "jdbc:sqlite:" + absolute.toUri() + "?immutable=1";
    }

    /** The mutations waiting for the server, oldest first. */
    public Outbox outbox() {
        return outbox;
    }

    /** The write connection's {@code PRAGMA synchronous}: 1 (NORMAL) or 2 (FULL). */
    int synchronousLevel() {
        return store.write(tx -> {
            try (Statement statement = tx.connection().createStatement();
                    ResultSet level = statement.executeQuery("PRAGMA synchronous")) {
                level.next();
                return level.getInt(1);
            }
        });
    }

    // ---- writes -------------------------------------------------------------------------------

    // Each write comes in two forms that run the same work: blocking (on the calling thread, or in
    // the group another thread is committing; it returns once committed) and asynchronous (its
    // future completes once committed). The work is made on the calling thread (saving,
    // deleting, ...), so bad arguments are reported there at once.

    /** Saves {@code model} (creating or replacing the record with its key) and queues it for the server. */
    public <M extends Model> M save(M model) {
        return save(model, QueryPredicate.all());
    }

    /** Saves {@code model} if the stored record meets {@code condition}; otherwise throws {@link ConditionNotMetException}. */
    public <M extends Model> M save(M model, QueryPredicate<M> condition) {
        return store.write(saving(model, condition));
    }

    /** {@link #save(Model)} without waiting: the future completes once the save has committed. */
    public <M extends Model> CompletableFuture<M> saveAsync(M model) {
        return saveAsync(model, QueryPredicate.all());
    }

    /**
     * {@link #save(Model, QueryPredicate)} without waiting: the future completes once the save
     * has committed, or fails with {@link ConditionNotMetException}.
     */
    public <M extends Model> CompletableFuture<M> saveAsync(M model, QueryPredicate<M> condition) {
        return store.submit(saving(model, condition));
    }

    private <M extends Model> Store.Work<M> saving(M model, QueryPredicate<M> condition) {
        Objects.requireNonNull(condition, "condition");
        Rows<M> table = rowsOf(model);
        String sent = conditionJson(table.schema, condition); // these two here, outside the write lock
        Rows.Encoded<M> row = table.encode(model);
        return tx -> {
            save(tx, table, row, condition, sent);
            return model;
        };
    }

    /** Saves {@code row} if the stored record meets {@code condition}, queued with {@code sent}, its JSON. */
    private <M extends Model> void save(Store.Transaction tx, Rows<M> table, Rows.Encoded<M> row,
            QueryPredicate<M> condition, String sent) throws SQLException {
        Db db = tx.db();
        StoreChange.Type type;
        if (condition instanceof QueryPredicate.All<M>) {
            boolean created = table.insertIfAbsent(db, row);
            if (!created) {
                table.update(db, row);
            }
            type = created ? StoreChange.Type.CREATE : StoreChange.Type.UPDATE;
        } else {
            M stored = table.find(db, row.key());
            check(table, stored, row.recordId(), condition);
            table.update(db, row);
            type = StoreChange.Type.UPDATE;
        }
        outbox.enqueue(db, table.schema.name(), row.recordId(),
                type == StoreChange.Type.CREATE ? PendingMutation.Type.CREATE : PendingMutation.Type.UPDATE,
                row.json(), sent);
        tx.changed(new StoreChange<>(table.schema, type, row.model()));
    }

    private static <M extends Model> void check(Rows<M> table, M stored, String recordId, QueryPredicate<M> condition) {
        if (stored == null) {
            throw new ConditionNotMetException("conditional write of " + table.schema.name() + " " + recordId
                    + ": there is no stored record to check " + condition + " against");
        }
        if (!condition.test(stored)) {
            throw new ConditionNotMetException("conditional write of " + table.schema.name() + " " + recordId
                    + ": the stored record does not meet " + condition);
        }
    }

    /** The condition as it is queued with the mutation; refuses one the server would (see {@link Predicates#condition}). */
    private static String conditionJson(ModelSchema<?> schema, QueryPredicate<?> condition) {
        JsonNode json = Predicates.condition(schema, condition);
        return json == null ? null : json.toString();
    }

    /** Deletes {@code model}'s record and its {@code @hasMany}/{@code @hasOne} children; false if it was not stored. */
    public <M extends Model> boolean delete(M model) {
        return delete(model, QueryPredicate.all());
    }

    /**
     * {@link #delete(Model)} if the stored record meets {@code condition}; otherwise throws
     * {@link ConditionNotMetException}.
     */
    public <M extends Model> boolean delete(M model, QueryPredicate<M> condition) {
        return store.write(deleting(model, condition));
    }

    /** {@link #delete(Model)} without waiting: the future completes once the delete has committed. */
    public <M extends Model> CompletableFuture<Boolean> deleteAsync(M model) {
        return deleteAsync(model, QueryPredicate.all());
    }

    /**
     * {@link #delete(Model, QueryPredicate)} without waiting: the future completes once the delete
     * has committed, or fails with {@link ConditionNotMetException}.
     */
    public <M extends Model> CompletableFuture<Boolean> deleteAsync(M model, QueryPredicate<M> condition) {
        return store.submit(deleting(model, condition));
    }

    private <M extends Model> Store.Work<Boolean> deleting(M model, QueryPredicate<M> condition) {
        Objects.requireNonNull(condition, "condition");
        Rows<M> table = rowsOf(model);
        String sent = conditionJson(table.schema, condition);
        List<Object> key = table.schema.keyValues(model);
        return tx -> deleteByKey(tx, table, key, condition, sent);
    }

    /** Deletes the record of {@code type} with key {@code id} (or a composite key's {@code Identifier}). */
    public <M extends Model> boolean delete(Class<M> type, Object id) {
        return store.write(deletingKey(type, id));
    }

    /** {@link #delete(Class, Object)} without waiting: the future completes once the delete has committed. */
    public <M extends Model> CompletableFuture<Boolean> deleteAsync(Class<M> type, Object id) {
        return store.submit(deletingKey(type, id));
    }

    private <M extends Model> Store.Work<Boolean> deletingKey(Class<M> type, Object id) {
        Rows<M> table = rowsOf(type);
        List<?> key = table.key(id);
        return tx -> deleteByKey(tx, table, key, QueryPredicate.all(), null);
    }

    /** Deletes every record of {@code type} that matches {@code predicate}; returns how many. */
    public <M extends Model> int delete(Class<M> type, QueryPredicate<M> predicate) {
        return store.write(deletingMatches(type, predicate));
    }

    /** {@link #delete(Class, QueryPredicate)} without waiting: the future completes once the deletes have committed. */
    public <M extends Model> CompletableFuture<Integer> deleteAsync(Class<M> type, QueryPredicate<M> predicate) {
        return store.submit(deletingMatches(type, predicate));
    }

    private <M extends Model> Store.Work<Integer> deletingMatches(Class<M> type, QueryPredicate<M> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        Rows<M> table = rowsOf(type);
        return tx -> {
            int deleted = 0;
            for (M model : select(tx.db(), table, predicate, List.of(), Page.all())) {
                if (deleteByKey(tx, table, table.schema.keyValues(model), QueryPredicate.all(), null)) {
                    deleted++;
                }
            }
            return deleted;
        };
    }

    private <M extends Model> boolean deleteByKey(Store.Transaction tx, Rows<M> table, List<?> key,
            QueryPredicate<M> condition, String sent) throws SQLException {
        M stored = table.find(tx.db(), key);
        if (!(condition instanceof QueryPredicate.All<M>)) {
            check(table, stored, table.recordId(key), condition);
        }
        if (stored == null) {
            return false;
        }
        deleteWithDescendants(tx, new Deletion<>(table, stored, sent));
        return true;
    }

    /** A record a delete reaches: the one asked for (with its condition) or one of its descendants. */
    private record Deletion<M extends Model>(Rows<M> table, M model, String condition) {
        List<Object> key() {
            return table.schema.keyValues(model);
        }

        String identity() {
            return table.schema.name() + " " + table.recordId(key());
        }
    }

    /**
     * Amplify's cascade: deletes {@code top} and its has-many and has-one descendants, each with
     * its own outbox entry, children before their parents. Walked with a stack of its own rather
     * than by recursion, so a deep tree cannot exhaust the thread's stack, and each record is
     * deleted once, so data holding a cycle (a folder inside its own subfolder) cannot loop.
     */
    private void deleteWithDescendants(Store.Transaction tx, Deletion<?> top) throws SQLException {
        // a record on the walk's stack, and whether its children are already on the stack above it
        record Step(Deletion<?> deletion, boolean childrenQueued) {}
        Set<String> reached = new HashSet<>(Set.of(top.identity()));
        Deque<Step> pending = new ArrayDeque<>(List.of(new Step(top, false)));
        while (!pending.isEmpty()) {
            Step step = pending.pop();
            if (step.childrenQueued()) {
                deleteOne(tx, step.deletion());
                continue;
            }
            pending.push(new Step(step.deletion(), true)); // deleted once its children are
            List<Deletion<?>> children = childrenOf(tx, step.deletion());
            for (int i = children.size() - 1; i >= 0; i--) {
                if (reached.add(children.get(i).identity())) {
                    pending.push(new Step(children.get(i), false));
                }
            }
        }
    }

    private <M extends Model> List<Deletion<?>> childrenOf(Store.Transaction tx, Deletion<M> parent) throws SQLException {
        List<Deletion<?>> children = new ArrayList<>();
        for (Relationship relationship : parent.table().schema.relationships()) {
            if (relationship.kind() != Relationship.Kind.BELONGS_TO) {
                children.addAll(childrenOf(tx, parent, relationship, rows.get(relationship.relatedModel())));
            }
        }
        return children;
    }

    private <M extends Model, C extends Model> List<Deletion<C>> childrenOf(Store.Transaction tx, Deletion<M> parent,
            Relationship relationship, Rows<C> children) throws SQLException {
        List<C> found;
        if (relationship.foreignKeyOnThisModel()) { // has-one through a key on the parent
            List<Object> key = new ArrayList<>();
            for (String field : relationship.foreignKeyFields()) {
                key.add(parent.table().schema.field(field).get(parent.model()));
            }
            C child = key.contains(null) ? null : children.find(tx.db(), key);
            found = child == null ? List.of() : List.of(child);
        } else {
            found = children.findBy(tx.db(), relationship.foreignKeyFields(), parent.key());
        }
        return found.stream().map(child -> new Deletion<>(children, child, null)).toList();
    }

    private <M extends Model> void deleteOne(Store.Transaction tx, Deletion<M> deletion) throws SQLException {
        Rows<M> table = deletion.table();
        List<Object> key = deletion.key();
        table.delete(tx.db(), key);
        outbox.enqueue(tx.db(), table.schema.name(), table.recordId(key), PendingMutation.Type.DELETE,
                table.json(deletion.model()), deletion.condition());
        tx.changed(new StoreChange<>(table.schema, StoreChange.Type.DELETE, deletion.model()));
    }

    /**
     * Runs several saves and deletes in one transaction: all of them happen, or none. {@code
     * writes} names them on this thread, before any runs.
     */
    public void batch(Consumer<Batch> writes) {
        store.write(batching(writes));
    }

    /** {@link #batch} without waiting: the future completes once the batch has committed. */
    public CompletableFuture<Void> batchAsync(Consumer<Batch> writes) {
        return store.submit(batching(writes));
    }

    private Store.Work<Void> batching(Consumer<Batch> writes) {
        Batch batch = new Batch();
        writes.accept(batch);
        return tx -> {
            for (Batch.Operation operation : batch.operations) {
                operation.apply(tx);
            }
            return null;
        };
    }

    /** The writes of one {@link #batch} call. */
    public final class Batch {
        private interface Operation {
            void apply(Store.Transaction tx) throws SQLException;
        }

        private final List<Operation> operations = new ArrayList<>();

        private Batch() {}

        public <M extends Model> Batch save(M model) {
            Rows<M> table = rowsOf(model);
            // encoded as the transaction reaches it: encoding a large batch up front keeps every
            // encoded row alive until the end (100,000 saves: about 15% slower)
            operations.add(tx -> DataStore.this.save(tx, table, table.encode(model), QueryPredicate.all(), null));
            return this;
        }

        public <M extends Model> Batch delete(M model) {
            Rows<M> table = rowsOf(model);
            List<Object> key = table.schema.keyValues(model);
            operations.add(tx -> deleteByKey(tx, table, key, QueryPredicate.all(), null));
            return this;
        }
    }

    /**
     * Deletes every local record, the outbox and the sync state. Observers get no change per
     * record; {@code observeQuery} subscribers get a new (empty) snapshot, unless the one they got
     * last was empty.
     */
    public void clear() {
        store.write(this::deleteEverything);
        changes.cleared(); // after the commit: each snapshot is read afresh when it is emitted
    }

    /** {@link #clear()} without waiting: the future completes once the clear has committed. */
    public CompletableFuture<Void> clearAsync() {
        return store.submit(this::deleteEverything).thenRun(changes::cleared);
    }

    private Void deleteEverything(Store.Transaction tx) throws SQLException {
        try (Statement statement = tx.connection().createStatement()) {
            for (Rows<?> table : rows.values()) {
                statement.execute("DELETE FROM " + table.table);
            }
            statement.execute("DELETE FROM " + Outbox.TABLE);
            statement.execute("DELETE FROM " + Tables.METADATA);
            statement.execute("DELETE FROM " + Tables.SYNC_STATE);
        }
        return null;
    }

    // ---- reads --------------------------------------------------------------------------------

    // Each read comes in two forms that run the same work on a pooled read connection, beside the
    // writes: blocking (on the calling thread) and asynchronous (on one of the store's own read
    // threads).

    /** Every record of {@code type}, in key order. */
    public <M extends Model> List<M> query(Class<M> type) {
        return query(type, QueryPredicate.all());
    }

    /** {@link #query(Class)} on one of the store's own read threads. */
    public <M extends Model> CompletableFuture<List<M>> queryAsync(Class<M> type) {
        return queryAsync(type, QueryPredicate.all());
    }

    /** The records of {@code type} matching {@code predicate}, in key order. */
    public <M extends Model> List<M> query(Class<M> type, QueryPredicate<M> predicate) {
        return query(type, predicate, List.of(), Page.all());
    }

    /**
     * The records of {@code schema}'s model matching {@code predicate}, sorted (then by key): what
     * a relationship loads through, as in {@code blog.posts().load(store)} or
     * {@code post.blog().load(store)}.
     */
    @Override
    public <M extends Model> List<M> query(ModelSchema<M> schema, QueryPredicate<M> predicate, List<SortBy<M>> sort) {
        return query(schema.modelClass(), predicate, sort, Page.all());
    }

    /** {@link #query(Class, QueryPredicate)} on one of the store's own read threads. */
    public <M extends Model> CompletableFuture<List<M>> queryAsync(Class<M> type, QueryPredicate<M> predicate) {
        return queryAsync(type, predicate, List.of(), Page.all());
    }

    /** The records of {@code type} matching {@code predicate}, sorted (then by key, so pages are stable) and paged. */
    public <M extends Model> List<M> query(Class<M> type, QueryPredicate<M> predicate, List<SortBy<M>> sort, Page page) {
        return store.read(querying(type, predicate, sort, page));
    }

    /** {@link #query(Class, QueryPredicate, List, Page)} on one of the store's own read threads. */
    public <M extends Model> CompletableFuture<List<M>> queryAsync(
            Class<M> type, QueryPredicate<M> predicate, List<SortBy<M>> sort, Page page) {
        return store.readAsync(querying(type, predicate, sort, page));
    }

    private <M extends Model> Store.Read<List<M>> querying(Class<M> type, QueryPredicate<M> predicate,
            List<SortBy<M>> sort, Page page) {
        checkQuery(predicate, sort, page);
        Rows<M> table = rowsOf(type);
        return db -> select(db, table, predicate, sort, page);
    }

    /** The record of {@code type} with key {@code id} (or a composite key's {@code Identifier}). */
    public <M extends Model> Optional<M> get(Class<M> type, Object id) {
        return store.read(getting(type, id));
    }

    /** {@link #get(Class, Object)} on one of the store's own read threads. */
    public <M extends Model> CompletableFuture<Optional<M>> getAsync(Class<M> type, Object id) {
        return store.readAsync(getting(type, id));
    }

    private <M extends Model> Store.Read<Optional<M>> getting(Class<M> type, Object id) {
        Rows<M> table = rowsOf(type);
        List<?> key = table.key(id);
        return db -> Optional.ofNullable(table.find(db, key));
    }

    private static void checkQuery(QueryPredicate<?> predicate, List<?> sort, Page page) {
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(page, "page");
    }

    private static <M extends Model> List<M> select(Db db, Rows<M> table, QueryPredicate<M> predicate,
            List<SortBy<M>> sort, Page page) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = table.selectColumns() + " WHERE " + Predicates.where(predicate, parameters)
                + " ORDER BY " + Predicates.orderBy(sort, table.schema.primaryKey()) + " LIMIT ? OFFSET ?";
        parameters.add(page.size());
        parameters.add(page.offset());
        PreparedStatement statement = db.prepare(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        List<M> models = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                models.add(table.read(result));
            }
        }
        return models;
    }

    // ---- observation (how subscribers are served: the class comment) --------------------------

    /** Every committed change, of every model. */
    public Flow.Publisher<StoreChange<?>> observe() {
        return changes.publisher(emit -> group -> group.forEach(emit));
    }

    /** Committed changes of {@code type}. */
    public <M extends Model> Flow.Publisher<StoreChange<M>> observe(Class<M> type) {
        return observe(type, QueryPredicate.all());
    }

    /** Committed changes of {@code type} whose model (as saved, or as it was when deleted) matches {@code predicate}. */
    public <M extends Model> Flow.Publisher<StoreChange<M>> observe(Class<M> type, QueryPredicate<M> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        ModelSchema<M> schema = rowsOf(type).schema;
        return changes.publisher(emit -> group -> {
            for (StoreChange<?> change : group) {
                StoreChange<M> mine = ofSchema(change, schema);
                if (mine != null && predicate.test(mine.model())) {
                    emit.accept(mine);
                }
            }
        });
    }

    /**
     * The results of a query now and after committed changes of {@code type}: the first snapshot
     * at once, then a new one after each commit that saves a record the query selects or changes
     * one the last snapshot holds, or after a burst of such commits one snapshot of the state the
     * burst left; a snapshot equal to the last one emitted is left out. Commits of records the
     * query neither selects nor showed cost it nothing, not even a query.
     */
    public <M extends Model> Flow.Publisher<QuerySnapshot<M>> observeQuery(
            Class<M> type, QueryPredicate<M> predicate, List<SortBy<M>> sort) {
        checkQuery(predicate, sort, Page.all());
        Rows<M> table = rowsOf(type);
        Shown<M> shown = new Shown<>(table);
        return changes.snapshots((group, last) -> group.stream().anyMatch(change -> {
            StoreChange<M> mine = ofSchema(change, table.schema);
            return mine != null && (predicate.test(mine.model()) || shown.holds(last, mine.model()));
        }), () -> snapshot(table, predicate, sort),
                (next, last) -> next.isSynced() == last.isSynced() && table.sameRecords(next.items(), last.items()));
    }

    /**
     * Whether a snapshot holds a record: by key as the table compares keys, since a change carries
     * the record as it is now, not as the snapshot shows it. The keys of a snapshot are worked out
     * once, when first asked about (on the observers' dispatcher thread, the only one that asks).
     */
    private static final class Shown<M extends Model> {
        private final Rows<M> table;
        private QuerySnapshot<M> snapshot;
        private Set<List<Object>> keys;

        Shown(Rows<M> table) {
            this.table = table;
        }

        boolean holds(QuerySnapshot<M> last, M model) {
            if (last != snapshot) {
                snapshot = last;
                keys = new HashSet<>();
                last.items().forEach(item -> keys.add(table.storedKey(item)));
            }
            return keys.contains(table.storedKey(model));
        }
    }

    private <M extends Model> QuerySnapshot<M> snapshot(Rows<M> table, QueryPredicate<M> predicate, List<SortBy<M>> sort) {
        // No sync engine runs yet, so nothing is ever known to be in sync with the server.
        return new QuerySnapshot<>(store.read(db -> select(db, table, predicate, sort, Page.all())), false);
    }

    @SuppressWarnings("unchecked")
    private static <M extends Model> StoreChange<M> ofSchema(StoreChange<?> change, ModelSchema<M> schema) {
        return change.schema() == schema ? (StoreChange<M>) change : null;
    }

    // ---- plumbing -----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private <M extends Model> Rows<M> rowsOf(M model) {
        return rowsOf((Class<M>) Objects.requireNonNull(model, "model").getClass());
    }

    @SuppressWarnings("unchecked")
    private <M extends Model> Rows<M> rowsOf(Class<M> type) {
        ModelSchema<M> schema = registry.schema(Objects.requireNonNull(type, "type"));
        return (Rows<M>) rows.get(schema.name());
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            changes.close();
        }
    }
}
