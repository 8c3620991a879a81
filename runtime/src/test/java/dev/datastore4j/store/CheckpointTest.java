package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAL checkpoints run in the background: the database file receives the pages while the store stays open. */
class CheckpointTest {
    @TempDir
    Path temp;

    @Test
    void committedPagesReachTheDatabaseFileWithoutACheckpointInAnyCommit() throws Exception {
        Path file = temp.resolve("checkpointed.db");
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            long empty = Files.size(file);
            for (int i = 0; i < Checkpointer.EVERY + 200; i++) {
                store.save(Post.builder().title("post " + i + " " + "x".repeat(200)).build());
            }
            // a few hundred commits of a post with a long title (in the row and in its title index)
            // and its outbox entry: several hundred KB of pages, first in the WAL
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.size(file) < empty + 300_000 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(Files.size(file)).as("database file size").isGreaterThan(empty + 300_000);
            assertThat(store.query(Post.class)).hasSize(Checkpointer.EVERY + 200);
        }
        assertThat(Files.exists(Path.of(file + "-wal"))).as("the WAL is checkpointed and removed on close").isFalse();
    }

    @Test
    void theWalStartsOverUnderASteadyStreamOfWrites() throws Exception {
        Path file = temp.resolve("steady.db");
        // a save changes at least 7 pages (the post, its 3 indexes, the outbox entry, its index,
        // the outbox sequence), each a WAL frame of a page and a 24-byte header
        long written = 6_000L * 7 * (4096 + 24);
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            for (int i = 0; i < 6_000; i++) {
                store.save(Post.builder().title("post " + i).build());
            }
            // a WAL that never started over would hold all of it
            assertThat(Files.size(Path.of(file + "-wal"))).as("WAL bytes").isLessThan(written / 4);
            assertThat(store.query(Post.class)).hasSize(6_000);
        }
    }

    @Test
    void aWalGrownByALargeBatchIsCutBackOnceItStartsOver() throws Exception {
        Path file = temp.resolve("batch.db");
        Path wal = Path.of(file + "-wal");
        String content = "x".repeat(4_000);
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            // the content twice a save (the row and the outbox entry's JSON): about 80 MB in the WAL
            store.batch(batch -> {
                for (int i = 0; i < 10_000; i++) {
                    batch.save(Post.builder().title("post " + i).content(content).build());
                }
            });
            assertThat(Files.size(wal)).as("WAL bytes after the batch").isGreaterThan(2 * Store.WAL_SIZE_LIMIT);

            // saves go on; once a checkpoint has copied the batch, the WAL starts over and is cut back
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int saves = 0;
            while (Files.size(wal) > Store.WAL_SIZE_LIMIT && System.nanoTime() < deadline) {
                store.save(Post.builder().title("later " + saves++).build());
            }
            assertThat(Files.size(wal)).as("WAL bytes after %d more saves", saves).isLessThanOrEqualTo(Store.WAL_SIZE_LIMIT);
            assertThat(store.query(Post.class)).hasSize(10_000 + saves);
        }
    }
}
