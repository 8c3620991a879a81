package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link RecordStore} must do; run against SQLite and against a real PostgreSQL. */
abstract class StoreContractTest {
    @TempDir
    Path temp;

    RecordStore store;

    /** What the store announced, as "kind model key version", in the order it did. */
    final BlockingQueue<String> announced = new LinkedBlockingQueue<>();

    /** The sink every store a test opens announces its changes to. */
    final RecordStore.ChangeSink sink = (model, kind, record) -> announced.add(kind + " " + model + " " + record.key()
            + " v" + record.version());

    /** A new store, announcing to {@link #sink}. */
    abstract RecordStore open();

    /** The models the tests write. */
    static final List<String> MODELS = List.of("Post", "Comment", "Item", "Other");

    @BeforeEach
    void setUp() {
        store = open();
        store.addModels(MODELS);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static StoredRecord record(String id, int version, boolean deleted) {
        ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", id).put("title", "t" + version);
        return new StoredRecord("Post", "[\"" + id + "\"]", data, version, deleted, 0);
    }

    /** Stores {@code record} as the change its version and tombstone make it. */
    static StoredRecord put(RecordStore.Writer writer, StoredRecord record) {
        return writer.put(record, record.deleted() ? Changes.Kind.DELETE
                : record.version() == 1 ? Changes.Kind.CREATE : Changes.Kind.UPDATE);
    }

    @Test
    void writesAreReadBackWithAClockThatOnlyMovesForward() {
        StoredRecord first = store.write(writer -> put(writer, record("a", 1, false)));
        StoredRecord second = store.write(writer -> put(writer, record("a", 2, false)));
        assertThat(second.lastChangedAt()).isGreaterThan(first.lastChangedAt());
        assertThat(store.get("Post", "[\"a\"]")).contains(second);
        assertThat(store.get("Post", "[\"b\"]")).isEmpty();
    }

    /** Each committed write reaches the sink once, in commit order, as the kind its writer gave; an undone one never. */
    @Test
    void committedWritesAreAnnouncedInCommitOrderAndUndoneOnesNever() throws InterruptedException {
        store.write(writer -> {
            put(writer, record("a", 1, false));
            return put(writer, record("b", 1, false));
        });
        assertThat(catchThrowable(() -> store.write(writer -> {
            put(writer, record("c", 1, false));
            throw new ApiException("ConflictUnhandled", "no", null);
        }))).isInstanceOf(ApiException.class);
        store.write(writer -> put(writer, record("a", 2, true)));
        store.write(writer -> writer.put(record("a", 3, false), Changes.Kind.CREATE)); // created again
        List<String> heard = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            heard.add(announced.poll(10, TimeUnit.SECONDS));
        }
        assertThat(heard).containsExactly("CREATE Post [\"a\"] v1", "CREATE Post [\"b\"] v1", "DELETE Post [\"a\"] v2",
                "CREATE Post [\"a\"] v3");
        assertThat(announced.poll(200, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        try {
            store.write(writer -> {
                put(writer, record("x", 1, false));
                throw new ApiException("ConflictUnhandled", "no", null);
            });
        } catch (ApiException expected) {
            // the point of the test
        }
        assertThat(store.get("Post", "[\"x\"]")).isEmpty();
    }

    /**
     * A write whose work throws an Error (a failed assert, a stack overflow) fails alone, undone,
     * with that Error; the writes after it, one thread doing them all, go on.
     */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a writer thread ended by the Error leaves the write waiting
    void aWriteThatThrowsAnErrorFailsAloneAndWritesGoOn() {
        Throwable failure = catchThrowable(() -> store.write(writer -> {
            put(writer, record("x", 1, false));
            throw new AssertionError("a bug");
        }));
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("a bug");
        assertThat(store.get("Post", "[\"x\"]")).isEmpty();
        StoredRecord after = store.write(writer -> put(writer, record("after", 1, false)));
        assertThat(store.get("Post", "[\"after\"]")).contains(after);
    }

    @Test
    void scansInKeyOrderAndChangesInTimeOrder() {
        for (String id : List.of("c", "a", "b")) {
            store.write(writer -> put(writer, record(id, 1, false)));
        }
        assertThat(store.scan("Post", null, 10)).extracting(StoredRecord::key).containsExactly("[\"a\"]", "[\"b\"]", "[\"c\"]");
        assertThat(store.scan("Post", "[\"a\"]", 1)).extracting(StoredRecord::key).containsExactly("[\"b\"]");
        long since = store.syncStart();
        store.write(writer -> put(writer, record("a", 2, false)));
        assertThat(store.changes("Post", since, 0, null, 10, Long.MAX_VALUE).records()).extracting(StoredRecord::key).containsExactly("[\"a\"]");
    }

    /**
     * A read bounded by size stops once its records come to the bytes asked for (at least one
     * record), saying more may follow; one that ends with the records says none does. Scans,
     * sorted scans and changes alike; on PostgreSQL the rows are then fetched a few at a time.
     */
    @Test
    void readsStopAtTheBytesAskedFor() {
        store.indexSorted("Post", BY_BLOG);
        long since = store.syncStart();
        String content = "x".repeat(300_000);
        for (int i = 0; i < 6; i++) {
            String id = "p" + i;
            ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", id).put("blogId", "b").put("content", content);
            store.write(writer -> put(writer, new StoredRecord("Post", "[\"" + id + "\"]", data, 1, false, 0)));
        }
        long mebibyte = 1 << 20;
        RecordStore.Batch first = store.scan("Post", null, 100, mebibyte);
        // 300 KB records: the fourth takes the batch past 1 MiB
        assertThat(first.records()).extracting(StoredRecord::key).containsExactly("[\"p0\"]", "[\"p1\"]", "[\"p2\"]", "[\"p3\"]");
        assertThat(first.more()).isTrue();
        RecordStore.Batch rest = store.scan("Post", "[\"p3\"]", 100, mebibyte);
        assertThat(rest.records()).extracting(StoredRecord::key).containsExactly("[\"p4\"]", "[\"p5\"]");
        assertThat(rest.more()).isFalse();
        assertThat(store.scan("Post", null, 100, 1).records()).as("at least one record").hasSize(1);
        assertThat(store.scan("Post", null, 3, Long.MAX_VALUE).more()).as("a full batch").isTrue();
        RecordStore.SortedScan byBlog = new RecordStore.SortedScan(BY_BLOG, List.of(TextNode.valueOf("b")), null, null, false);
        RecordStore.Batch sorted = store.scanSorted("Post", byBlog, null, 100, mebibyte);
        assertThat(sorted.records()).hasSize(4);
        assertThat(sorted.more()).isTrue();
        RecordStore.Batch changed = store.changes("Post", since, 0, null, 100, 2 * mebibyte);
        assertThat(changed.records()).hasSize(6);
        assertThat(changed.more()).isFalse();
        assertThat(store.changes("Post", since, 0, null, 100, mebibyte).records()).hasSize(4);
    }

    private static final RecordStore.SortedKey BY_BLOG = new RecordStore.SortedKey(List.of(
            new RecordStore.KeyField("blogId", RecordStore.ValueType.TEXT)));
    private static final RecordStore.SortedKey BY_RATING = new RecordStore.SortedKey(List.of(
            new RecordStore.KeyField("rating", RecordStore.ValueType.NUMBER)));

    @Test
    void recordsAreLookedUpByAFieldValueInKeyOrder() {
        store.indexSorted("Post", BY_BLOG);
        store.indexSorted("Post", BY_BLOG); // twice is harmless
        store.indexSorted("Post", BY_RATING);
        String awkward = "it's \"quoted\" ünïcode";
        for (String id : List.of("e", "d", "c", "b", "a")) {
            ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", id)
                    .put("blogId", id.equals("c") ? "other" : id.equals("e") ? awkward : "blog-1")
                    .put("rating", id.equals("a") || id.equals("c") ? 5 : 4);
            store.write(writer -> put(writer, new StoredRecord("Post", "[\"" + id + "\"]", data, 1, id.equals("d"), 0)));
        }
        store.write(writer -> put(writer, new StoredRecord("Comment", "[\"z\"]",
                ProtocolJson.JSON.createObjectNode().put("id", "z").put("blogId", "blog-1").put("rating", 5), 1, false, 0)));
        assertThat(lookUp(BY_BLOG, TextNode.valueOf("blog-1"), null, 10)).as("tombstones too; other models not")
                .containsExactly("[\"a\"]", "[\"b\"]", "[\"d\"]");
        assertThat(lookUp(BY_BLOG, TextNode.valueOf("blog-1"), "[\"a\"]", 1)).containsExactly("[\"b\"]");
        assertThat(lookUp(BY_BLOG, TextNode.valueOf(awkward), null, 10)).containsExactly("[\"e\"]");
        assertThat(lookUp(BY_BLOG, TextNode.valueOf("nobody"), null, 10)).isEmpty();
        assertThat(lookUp(BY_RATING, IntNode.valueOf(5), null, 10)).as("a number").containsExactly("[\"a\"]", "[\"c\"]");
        assertThat(lookUp(BY_RATING, IntNode.valueOf(4), "[\"b\"]", 10)).containsExactly("[\"d\"]", "[\"e\"]");
        assertThat(catchThrowable(() -> new RecordStore.KeyField("x'); DROP TABLE records; --", RecordStore.ValueType.TEXT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A model added before and not now, with records not deleted, is named with how many; one whose records are all deleted is not. */
    @Test
    void modelsWithRecordsThatWereNotAddedAreNamed() {
        store.write(writer -> put(writer, record("a", 1, false)));
        store.write(writer -> put(writer, record("b", 1, false)));
        store.write(writer -> put(writer, record("c", 2, true)));
        StoredRecord comment = new StoredRecord("Comment", "[\"k\"]", ProtocolJson.JSON.createObjectNode().put("id", "k"), 2, true, 0);
        store.write(writer -> writer.put(comment, Changes.Kind.DELETE));
        assertThat(store.unservedModels()).isEmpty();
        store.close();
        store = reopen();
        store.addModels(List.of("Item", "Other"));
        assertThat(store.unservedModels().entrySet()).singleElement().satisfies(unserved -> {
            assertThat(unserved.getKey()).isEqualToIgnoringCase("Post"); // PostgreSQL keeps table names in lower case
            assertThat(unserved.getValue()).isEqualTo(2L);
        });
        store.close();
        store = reopen();
        store.addModels(List.of("Post", "Comment"));
        assertThat(store.unservedModels()).isEmpty();
    }

    /**
     * Indexes of a key the schema dropped, and of an earlier server version, are found at the next
     * start, and dropped where one process owns the database; the keys in use keep theirs.
     */
    @Test
    void indexesNoKeyUsesAreRetired() throws Exception {
        store.indexSorted("Item", ITEM_KEY);
        store.indexSorted("Post", BY_BLOG);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX records_Post_blogId ON model_Post (key)"); // as an earlier version named its lookups
        }
        store.close();
        store = reopen();
        store.addModels(MODELS);
        store.indexSorted("Item", ITEM_KEY);
        RecordStore.UnusedIndexes unused = store.retireUnusedIndexes();
        assertThat(unused.names()).extracting(name -> name.toLowerCase(Locale.ROOT).replaceAll("_[0-9a-f]{8}$", ""))
                .containsExactlyInAnyOrder("key_post_by_blogid", "records_post_blogid");
        assertThat(unused.dropped()).isEqualTo(ownsDatabase());
        assertThat(store.retireUnusedIndexes().names()).hasSize(ownsDatabase() ? 0 : 2);
        assertThat(store.scanSorted("Item", new RecordStore.SortedScan(ITEM_KEY, List.of(TextNode.valueOf("g")), null, null, false),
                null, 10, Long.MAX_VALUE).records()).isEmpty();
        try (Connection connection = connect()) {
            for (JdbcRecordStore.Query query : ((JdbcRecordStore) store).sortedQueries("Item",
                    new RecordStore.SortedScan(ITEM_KEY, List.of(TextNode.valueOf("g")), null, null, false), null)) {
                assertThat(plan(connection, query)).as(query.sql()).isTrue();
            }
        }
    }

    /**
     * A schema that replaced the one served while the store stays open: the models and keys it no
     * longer has are unserved and unused, as at a start with it, their records and index kept
     * until then; those it has are served as before.
     */
    @Test
    void modelsAndKeysNoLongerServedAreUnservedAndUnused() throws Exception {
        store.indexSorted("Item", ITEM_KEY);
        store.indexSorted("Post", BY_BLOG);
        store.write(writer -> put(writer, record("a", 1, false)));
        assertThat(store.unservedModels()).isEmpty();
        assertThat(store.retireUnusedIndexes().names()).isEmpty();

        store.retainServed(List.of("Item", "Other"), Map.of("Item", List.of(ITEM_KEY)));
        assertThat(store.unservedModels().entrySet()).singleElement().satisfies(unserved -> {
            assertThat(unserved.getKey()).isEqualToIgnoringCase("Post");
            assertThat(unserved.getValue()).isEqualTo(1L);
        });
        RecordStore.UnusedIndexes unused = store.retireUnusedIndexes();
        assertThat(unused.names()).extracting(name -> name.toLowerCase(Locale.ROOT).replaceAll("_[0-9a-f]{8}$", ""))
                .containsExactly("key_post_by_blogid");
        assertThat(unused.dropped()).isEqualTo(ownsDatabase());
        assertThat(store.scanSorted("Item", new RecordStore.SortedScan(ITEM_KEY, List.of(TextNode.valueOf("g")), null, null, false),
                null, 10, Long.MAX_VALUE).records()).isEmpty();

        store.addModels(MODELS);
        assertThat(store.unservedModels()).as("served again").isEmpty();
    }

    /**
     * Earlier versions kept every model's records in one table: on opening, the records of the
     * models added move to their own tables, those of other models stay until their model is
     * added, and the old table goes once it is empty. Later writes are still later.
     */
    @Test
    void recordsOfTheEarlierSingleTableMoveToTheirModels() throws Exception {
        store.close();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE records (model TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL,"
                    + " version INTEGER NOT NULL, deleted INTEGER NOT NULL, last_changed_at BIGINT NOT NULL, PRIMARY KEY (model, key))");
            statement.execute("INSERT INTO records VALUES ('Post', '[\"a\"]', '{\"id\":\"a\",\"title\":\"old\"}', 3, 0, 4102444800000)");
            statement.execute("INSERT INTO records VALUES ('Post', '[\"d\"]', '{\"id\":\"d\"}', 2, 1, 1000)");
            statement.execute("INSERT INTO records VALUES ('Gone', '[\"g\"]', '{\"id\":\"g\"}', 1, 0, 1001)");
        }
        store = reopen();
        store.addModels(MODELS);
        StoredRecord moved = store.get("Post", "[\"a\"]").orElseThrow();
        assertThat(moved.data().get("title").asText()).isEqualTo("old");
        assertThat(moved.version()).isEqualTo(3);
        assertThat(moved.lastChangedAt()).isEqualTo(4102444800000L);
        assertThat(store.get("Post", "[\"d\"]").orElseThrow().deleted()).as("a tombstone too").isTrue();
        assertThat(rowsOfTheOldTable()).as("the other model's record stays").isEqualTo(1);
        store.addModels(List.of("Gone"));
        assertThat(store.get("Gone", "[\"g\"]")).isPresent();
        assertThat(rowsOfTheOldTable()).as("gone with its last record").isEqualTo(-1);
        if (ownsDatabase()) { // its clock starts from the stored changes; a shared database keeps the clock in a table
            assertThat(store.write(writer -> put(writer, record("b", 1, false))).lastChangedAt())
                    .as("later than every moved change, 2100-01-01 included").isGreaterThan(4102444800000L);
        }
    }

    /**
     * A table named records that is not the earlier versions' one table of records (other columns)
     * belongs to another program sharing the database: its rows stay where they are, and it stays
     * when empty.
     */
    @Test
    void anotherProgramsTableNamedRecordsIsLeftAlone() throws Exception {
        store.close();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE records (model TEXT, key TEXT, data TEXT, note TEXT)");
            statement.execute("INSERT INTO records VALUES ('Post', '[\"a\"]', '{\"id\":\"a\"}', 'theirs')");
        }
        store = reopen();
        store.addModels(MODELS);
        assertThat(store.get("Post", "[\"a\"]")).isEmpty();
        assertThat(rowsOfTheOldTable()).isEqualTo(1);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM records");
        }
        store.addModels(List.of("Gone"));
        assertThat(rowsOfTheOldTable()).as("kept, empty").isZero();
    }

    /** The rows of the earlier versions' one table; -1 once it is gone. */
    private long rowsOfTheOldTable() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM records")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * The database's layout has a format, written when the store starts: a database of a newer
     * format is refused at start, not misread (a server rolled back to an older version, or an
     * older node beside newer ones), and left as it is; one from before the format was kept is
     * served and given it.
     */
    @Test
    void aDatabaseOfANewerFormatIsRefusedAndLeftAsItIs() throws Exception {
        assertThat(format()).isEqualTo(String.valueOf(JdbcRecordStore.FORMAT));
        store.write(writer -> put(writer, record("a", 1, false)));
        store.close();
        execute("UPDATE settings SET value = '" + (JdbcRecordStore.FORMAT + 1) + "' WHERE name = 'format'");
        store = reopen();
        assertThatThrownBy(() -> store.addModels(MODELS)).isInstanceOf(ServerStartException.class)
                .hasMessage("the database was written by a newer version of datastore4j (database format "
                        + (JdbcRecordStore.FORMAT + 1) + "; this version serves format " + JdbcRecordStore.FORMAT
                        + " and older): start that version or a later one; the database was left as it is");
        assertThat(format()).isEqualTo(String.valueOf(JdbcRecordStore.FORMAT + 1));
        store.close();

        execute("DELETE FROM settings WHERE name = 'format'"); // as every database was before the format was kept
        store = reopen();
        store.addModels(MODELS);
        assertThat(store.get("Post", "[\"a\"]")).isPresent();
        assertThat(format()).isEqualTo(String.valueOf(JdbcRecordStore.FORMAT));
    }

    private String format() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT value FROM settings WHERE name = 'format'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** One token key per database: made once, the same when it is opened again (on PostgreSQL, by every node). */
    @Test
    void theTokenKeyIsMadeOnceAndKept() {
        byte[] key = store.tokenKey();
        assertThat(key).hasSize(32);
        assertThat(store.tokenKey()).isEqualTo(key);
        store.close();
        store = reopen();
        store.addModels(MODELS);
        assertThat(store.tokenKey()).isEqualTo(key);
    }

    /** The same database as {@link #open()} opened, opened again. */
    abstract RecordStore reopen();

    /** Whether one process owns the database (and so drops indexes no key uses). */
    abstract boolean ownsDatabase();

    /** The keys of the records with {@code value} in the one field of {@code key}, after {@code afterKey}. */
    private List<String> lookUp(RecordStore.SortedKey key, JsonNode value, String afterKey, int limit) {
        RecordStore.SortedScan scan = new RecordStore.SortedScan(key, List.of(value), null, null, false);
        RecordStore.Position after = afterKey == null ? null : new RecordStore.Position(List.of(), afterKey);
        return store.scanSorted("Post", scan, after, limit, Long.MAX_VALUE).records().stream().map(StoredRecord::key).toList();
    }

    @Test
    void checkedFieldsAreRememberedPerModelAcrossReopening() {
        assertThat(checkedFields("Post")).isEmpty();
        store.fieldsChecked(Map.of("Post", Set.of("title", "rating"), "Comment", Set.of()));
        store.fieldsChecked(Map.of("Post", Set.of("title", "rating", "status"))); // replaces what was recorded
        store.close();
        store = reopen();
        store.addModels(MODELS);
        assertThat(checkedFields("Post")).containsExactlyInAnyOrder("rating", "status", "title");
        assertThat(checkedFields("Comment")).isEmpty();
        assertThat(checkedFields("Item")).isEmpty();
    }

    private Set<String> checkedFields(String model) {
        return store.checkedFields().getOrDefault(model, Set.of());
    }

    @Test
    void aWriteAfterSyncStartIsLaterThanIt() {
        store.write(writer -> put(writer, record("a", 1, false)));
        long startedAt = store.syncStart();
        StoredRecord later = store.write(writer -> put(writer, record("a", 2, false)));
        assertThat(later.lastChangedAt()).isGreaterThan(startedAt);
    }

    @Test
    void tombstonesArePurgedByAge() {
        store.write(writer -> put(writer, record("dead", 2, true)));
        store.write(writer -> put(writer, record("live", 1, false)));
        assertThat(store.purgeTombstones(System.currentTimeMillis() + 60_000)).isEqualTo(1);
        assertThat(store.get("Post", "[\"dead\"]")).isEmpty();
        assertThat(store.get("Post", "[\"live\"]")).isPresent();
    }

    @Test
    void concurrentReadModifyWritesKeepOneVersionHistory() throws Exception {
        store.write(writer -> put(writer, record("n", 1, false)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.write(writer -> {
                            StoredRecord current = writer.get("Post", "[\"n\"]").orElseThrow();
                            return put(writer, record("n", current.version() + 1, false));
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.get("Post", "[\"n\"]").orElseThrow().version()).isEqualTo(1 + 8 * 25);
    }

    static final RecordStore.SortedKey ITEM_KEY = new RecordStore.SortedKey(List.of(
            new RecordStore.KeyField("group", RecordStore.ValueType.TEXT),
            new RecordStore.KeyField("name", RecordStore.ValueType.TEXT),
            new RecordStore.KeyField("rank", RecordStore.ValueType.NUMBER),
            new RecordStore.KeyField("flag", RecordStore.ValueType.BOOLEAN)));

    /** Text in code point order (an emoji after U+E000, unlike UTF-16 order), numbers by value, ties, and missing values. */
    private static final List<String> NAMES = List.of("", "a", "a ", "B", "b", "it's", "ünï", "\uE000", "😀", "😀x");
    private static final List<Double> RANKS = List.of(-1.5, 0.0, 2.0, 2.5, 10.0, 1e10);

    /** Missing values first, then text by code point, numbers by value, false before true; then record key. */
    private static final Comparator<StoredRecord> ITEM_ORDER = Comparator
            .<StoredRecord, JsonNode>comparing(record -> record.data().get("name"), StoreContractTest::compareValues)
            .thenComparing(record -> record.data().get("rank"), StoreContractTest::compareValues)
            .thenComparing(record -> record.data().get("flag"), StoreContractTest::compareValues)
            .thenComparing(StoredRecord::key, Filters::compareText);

    private static int compareValues(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        return aMissing || bMissing ? Boolean.compare(!aMissing, !bMissing) : Filters.compare(a, b);
    }

    /**
     * Random records read back in the order of a key of text, number and boolean fields, in pages
     * of random sizes from each page's last record on, both ways, with one and two leading fields
     * fixed, and within random ranges: every record of the group (tombstones too, no other model's)
     * that the scan selects exactly once, in order.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void sortedScansPageThroughTheWholeOrder(long seed) {
        System.out.println(getClass().getSimpleName() + " sorted scan seed " + seed);
        Random random = new Random(seed);
        store.indexSorted("Item", ITEM_KEY);
        store.indexSorted("Item", ITEM_KEY); // twice is harmless
        List<StoredRecord> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", "i" + i).put("group", "g" + random.nextInt(2));
            if (random.nextInt(8) > 0) {
                data.put("name", NAMES.get(random.nextInt(NAMES.size())));
            }
            if (random.nextInt(8) > 0) {
                double rank = RANKS.get(random.nextInt(RANKS.size()));
                if (rank == Math.rint(rank) && Math.abs(rank) < 1e9) {
                    data.put("rank", (int) rank);
                } else {
                    data.put("rank", rank);
                }
            } else if (random.nextBoolean()) {
                data.putNull("rank");
            }
            if (random.nextInt(8) > 0) {
                data.put("flag", random.nextBoolean());
            }
            boolean other = random.nextInt(10) == 0;
            if (other && random.nextBoolean()) { // another model may type the same names otherwise
                data.put("rank", "high").put("flag", "yes");
            }
            all.add(new StoredRecord(other ? "Other" : "Item", "[\"" + data.get("group").asText() + "\",\"i" + i
                    + "\"]", data, 1, random.nextInt(10) == 0, 0));
        }
        store.write(writer -> {
            all.forEach(record -> put(writer, record));
            return null;
        });
        for (boolean descending : new boolean[] {false, true}) {
            for (String group : List.of("g0", "g1")) {
                List<StoredRecord> expected = all.stream()
                        .filter(record -> record.model().equals("Item") && record.data().get("group").asText().equals(group))
                        .sorted(descending ? ITEM_ORDER.reversed() : ITEM_ORDER).toList();
                List<JsonNode> equal = List.of(TextNode.valueOf(group));
                assertThat(pageThrough(random, new RecordStore.SortedScan(ITEM_KEY, equal, null, null, descending)))
                        .as("%s, descending %s", group, descending)
                        .containsExactlyElementsOf(expected.stream().map(StoredRecord::key).toList());
                List<JsonNode> twoFixed = List.of(TextNode.valueOf(group), TextNode.valueOf("a"));
                assertThat(pageThrough(random, new RecordStore.SortedScan(ITEM_KEY, twoFixed, null, null, descending)))
                        .as("%s and name a, descending %s", group, descending)
                        .containsExactlyElementsOf(expected.stream().filter(record -> record.data().path("name").asText("-").equals("a"))
                                .map(StoredRecord::key).toList());
                for (int round = 0; round < 3; round++) { // a range of names; a missing name counts as below every name
                    JsonNode from = random.nextInt(3) == 0 ? null : TextNode.valueOf(NAMES.get(random.nextInt(NAMES.size())));
                    JsonNode to = random.nextInt(3) == 0 ? null : TextNode.valueOf(NAMES.get(random.nextInt(NAMES.size())));
                    List<String> inRange = expected.stream()
                            .filter(record -> from == null || compareValues(record.data().get("name"), from) >= 0)
                            .filter(record -> to == null || compareValues(record.data().get("name"), to) <= 0)
                            .map(StoredRecord::key).toList();
                    assertThat(pageThrough(random, new RecordStore.SortedScan(ITEM_KEY, equal, from, to, descending)))
                            .as("%s, names from %s to %s, descending %s", group, from, to, descending).containsExactlyElementsOf(inRange);
                }
            }
        }
    }

    /**
     * Every query a sorted scan can run, after a position and from the start, both ways, with one,
     * two and all leading fields fixed, with and without a range, planned on the store's own
     * database with {@code explain}: each must read the key's index in order, never sort; also
     * after a key field changed its type.
     */
    @Test
    void sortedScansReadTheirIndexInOrder() throws Exception {
        store.indexSorted("Item", ITEM_KEY);
        JdbcRecordStore jdbc = (JdbcRecordStore) store;
        RecordStore.Position one = new RecordStore.Position(List.of(TextNode.valueOf("a"), NullNode.getInstance(),
                BooleanNode.TRUE), "k");
        RecordStore.Position two = new RecordStore.Position(List.of(NullNode.getInstance(), BooleanNode.FALSE), "k");
        List<JdbcRecordStore.Query> queries = new ArrayList<>();
        List<JsonNode> group = List.of(TextNode.valueOf("g"));
        for (boolean descending : new boolean[] {false, true}) {
            queries.addAll(jdbc.sortedQueries("Item", new RecordStore.SortedScan(ITEM_KEY, group, null, null, descending), null));
            queries.addAll(jdbc.sortedQueries("Item", new RecordStore.SortedScan(ITEM_KEY, group, TextNode.valueOf("a"),
                    TextNode.valueOf("b"), descending), one));
            queries.addAll(jdbc.sortedQueries("Item", new RecordStore.SortedScan(ITEM_KEY, List.of(TextNode.valueOf("g"),
                    TextNode.valueOf("a")), null, null, descending), two));
            queries.addAll(jdbc.sortedQueries("Item", new RecordStore.SortedScan(ITEM_KEY, List.of(TextNode.valueOf("g"),
                    TextNode.valueOf("a"), IntNode.valueOf(1), BooleanNode.TRUE), null, null, descending),
                    new RecordStore.Position(List.of(), "k")));
        }
        assertThat(queries).as("from the start one query; after a position one per sort field and one for the key")
                .hasSize(2 * (1 + 4 + 3 + 1));
        // the schema changed the type of a key field: the new key needs an index of its own
        RecordStore.SortedKey retyped = new RecordStore.SortedKey(List.of(ITEM_KEY.fields().get(0), ITEM_KEY.fields().get(1),
                new RecordStore.KeyField("rank", RecordStore.ValueType.TEXT), ITEM_KEY.fields().get(3)));
        store.indexSorted("Item", retyped);
        queries.addAll(jdbc.sortedQueries("Item", new RecordStore.SortedScan(retyped, group, null, null, false), one));
        try (Connection connection = connect()) {
            for (JdbcRecordStore.Query query : queries) {
                assertThat(plan(connection, query)).as(query.sql()).isTrue();
            }
        }
    }

    /** A connection of its own to the store's database. */
    abstract Connection connect() throws SQLException;

    /** Whether the database would run {@code query} as one ordered read of a sorted key's index. */
    abstract boolean plan(Connection connection, JdbcRecordStore.Query query) throws SQLException;

    /** Column {@code column} of the rows {@code explain} (a statement that explains) gives for {@code query} with a limit. */
    static List<String> explained(Connection connection, String explain, JdbcRecordStore.Query query, String column)
            throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(explain + " " + query.sql() + " LIMIT ?")) {
            for (int i = 0; i < query.parameters().size(); i++) {
                statement.setObject(i + 1, query.parameters().get(i));
            }
            statement.setInt(query.parameters().size() + 1, 10);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(column));
                }
            }
        }
        return lines;
    }

    private List<String> pageThrough(Random random, RecordStore.SortedScan scan) {
        List<String> keys = new ArrayList<>();
        RecordStore.Position after = null;
        while (true) {
            int limit = 1 + random.nextInt(7);
            List<StoredRecord> page = store.scanSorted("Item", scan, after, limit, Long.MAX_VALUE).records();
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            page.forEach(record -> keys.add(record.key()));
            if (page.size() < limit) {
                return keys;
            }
            StoredRecord last = page.get(page.size() - 1);
            List<JsonNode> values = new ArrayList<>();
            for (RecordStore.KeyField field : ITEM_KEY.fields().subList(scan.equal().size(), ITEM_KEY.fields().size())) {
                values.add(last.data().has(field.name()) ? last.data().get(field.name()) : NullNode.getInstance());
            }
            after = new RecordStore.Position(values, last.key());
        }
    }
}
