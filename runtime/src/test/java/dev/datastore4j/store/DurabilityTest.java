package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import dev.datastore4j.store.DataStore.Durability;
import dev.datastore4j.store.DataStore.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The durability option decides whether a commit is synced before it returns. */
class DurabilityTest {
    @TempDir
    Path temp;

    @Test
    void byDefaultCommitsAreSyncedAtCheckpointsOnly() {
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("default.db"))) {
            assertThat(store.synchronousLevel()).isEqualTo(1);
        }
    }

    @Test
    void powerLossDurabilitySyncsEveryCommitAndIsNotRememberedByTheFile() {
        Path file = temp.resolve("durable.db");
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file,
                Options.defaults().withDurability(Durability.POWER_LOSS))) {
            assertThat(store.synchronousLevel()).isEqualTo(2);
        }
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            assertThat(store.synchronousLevel()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentSyncedSavesAllCommitWithTheirOutboxEntries() {
        Path file = temp.resolve("group.db");
        int threads = 8;
        int savesPerThread = 50;
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file,
                Options.defaults().withDurability(Durability.POWER_LOSS))) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < savesPerThread; i++) {
                        store.save(Post.builder().title(thread + "-" + i).build());
                    }
                }, runnable -> new Thread(runnable).start()));
            }
            writers.forEach(CompletableFuture::join);
        }
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            assertThat(store.query(Post.class)).hasSize(threads * savesPerThread);
            assertThat(store.outbox().size()).isEqualTo(threads * savesPerThread);
        }
    }

    @Test
    void optionsCombine() {
        Options options = Options.resetIfIncompatible().withDurability(Durability.POWER_LOSS);
        assertThat(options.whenIncompatible()).isEqualTo(DataStore.WhenIncompatible.RESET);
        assertThat(options.durability()).isEqualTo(Durability.POWER_LOSS);
        assertThat(options.withSetAsideIfIncompatible().durability()).isEqualTo(Durability.POWER_LOSS);
        assertThat(Options.defaults().whenIncompatible()).isEqualTo(DataStore.WhenIncompatible.REFUSE);
        assertThat(Options.defaults().withResetIfIncompatible()).isEqualTo(Options.resetIfIncompatible());
        assertThat(Options.defaults().withSetAsideIfIncompatible()).isEqualTo(Options.setAsideIfIncompatible())
                .extracting(Options::whenIncompatible).isEqualTo(DataStore.WhenIncompatible.SET_ASIDE);
        assertThatThrownBy(() -> Options.defaults().withDurability(null)).isInstanceOf(NullPointerException.class);
    }
}
