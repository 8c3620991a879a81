package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link RecordStore} must do; run against SQLite and against a real PostgreSQL. */
abstract class StoreContractTest {
    @TempDir
    Path temp;

    RecordStore store;

    abstract RecordStore open();

    @BeforeEach
    void setUp() {
        store = open();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static StoredRecord record(String id, int version, boolean deleted) {
        ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", id).put("title", "t" + version);
        return new StoredRecord("Post", "[\"" + id + "\"]", data, version, deleted, 0);
    }

    @Test
    void writesAreReadBackWithAClockThatOnlyMovesForward() {
        StoredRecord first = store.write(writer -> writer.put(record("a", 1, false)));
        StoredRecord second = store.write(writer -> writer.put(record("a", 2, false)));
        assertThat(second.lastChangedAt()).isGreaterThan(first.lastChangedAt());
        assertThat(store.get("Post", "[\"a\"]")).contains(second);
        assertThat(store.get("Post", "[\"b\"]")).isEmpty();
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        try {
            store.write(writer -> {
                writer.put(record("x", 1, false));
                throw new ApiException("ConflictUnhandled", "no", null);
            });
        } catch (ApiException expected) {
            // the point of the test
        }
        assertThat(store.get("Post", "[\"x\"]")).isEmpty();
    }

    @Test
    void scansInKeyOrderAndChangesInTimeOrder() {
        for (String id : List.of("c", "a", "b")) {
            store.write(writer -> writer.put(record(id, 1, false)));
        }
        assertThat(store.scan("Post", null, 10)).extracting(StoredRecord::key).containsExactly("[\"a\"]", "[\"b\"]", "[\"c\"]");
        assertThat(store.scan("Post", "[\"a\"]", 1)).extracting(StoredRecord::key).containsExactly("[\"b\"]");
        long since = store.syncStart();
        store.write(writer -> writer.put(record("a", 2, false)));
        assertThat(store.changes("Post", since, 0, null, 10)).extracting(StoredRecord::key).containsExactly("[\"a\"]");
    }

    @Test
    void recordsAreLookedUpByAFieldValueInKeyOrder() {
        store.indexField("Post", "blogId");
        store.indexField("Post", "blogId"); // twice is harmless
        String awkward = "it's \"quoted\" ünïcode";
        for (String id : List.of("e", "d", "c", "b", "a")) {
            ObjectNode data = ProtocolJson.JSON.createObjectNode().put("id", id)
                    .put("blogId", id.equals("c") ? "other" : id.equals("e") ? awkward : "blog-1");
            store.write(writer -> writer.put(new StoredRecord("Post", "[\"" + id + "\"]", data, 1, id.equals("d"), 0)));
        }
        store.write(writer -> writer.put(new StoredRecord("Comment", "[\"z\"]",
                ProtocolJson.JSON.createObjectNode().put("id", "z").put("blogId", "blog-1"), 1, false, 0)));
        assertThat(store.scanWhere("Post", "blogId", "blog-1", null, 10)).extracting(StoredRecord::key)
                .containsExactly("[\"a\"]", "[\"b\"]", "[\"d\"]"); // tombstones too; other models not
        assertThat(store.scanWhere("Post", "blogId", "blog-1", "[\"a\"]", 1)).extracting(StoredRecord::key)
                .containsExactly("[\"b\"]");
        assertThat(store.scanWhere("Post", "blogId", awkward, null, 10)).extracting(StoredRecord::key)
                .containsExactly("[\"e\"]");
        assertThat(store.scanWhere("Post", "blogId", "nobody", null, 10)).isEmpty();
        assertThat(catchThrowable(() -> store.indexField("Post", "x'); DROP TABLE records; --")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteAfterSyncStartIsLaterThanIt() {
        store.write(writer -> writer.put(record("a", 1, false)));
        long startedAt = store.syncStart();
        StoredRecord later = store.write(writer -> writer.put(record("a", 2, false)));
        assertThat(later.lastChangedAt()).isGreaterThan(startedAt);
    }

    @Test
    void tombstonesArePurgedByAge() {
        store.write(writer -> writer.put(record("dead", 2, true)));
        store.write(writer -> writer.put(record("live", 1, false)));
        assertThat(store.purgeTombstones(System.currentTimeMillis() + 60_000)).isEqualTo(1);
        assertThat(store.get("Post", "[\"dead\"]")).isEmpty();
        assertThat(store.get("Post", "[\"live\"]")).isPresent();
    }

    @Test
    void concurrentReadModifyWritesKeepOneVersionHistory() throws Exception {
        store.write(writer -> writer.put(record("n", 1, false)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.write(writer -> {
                            StoredRecord current = writer.get("Post", "[\"n\"]").orElseThrow();
                            return writer.put(record("n", current.version() + 1, false));
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
}
