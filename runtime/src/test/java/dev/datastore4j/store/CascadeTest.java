package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.folders.DataStoreModels;
import com.example.folders.Folder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a record deletes its {@code @hasMany} and {@code @hasOne} descendants, on a model that
 * holds itself (folders in folders): each record once, children queued before their parents,
 * whatever the data looks like: deep, or with a cycle that a bug or a merge of edits left behind.
 */
class CascadeTest {
    @TempDir
    Path temp;

    private DataStore store;

    @BeforeEach
    void open() {
        store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("folders.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFolderGoesWithEverythingBelowItChildrenFirst() {
        Folder root = store.save(Folder.builder().name("root").build());
        Folder a = store.save(Folder.builder().name("a").parent(root).build());
        Folder a1 = store.save(Folder.builder().name("a1").parent(a).build());
        Folder b = store.save(Folder.builder().name("b").parent(root).build());
        Folder other = store.save(Folder.builder().name("other").build());
        DataStoreTest.drainOutbox(store);

        assertThat(store.delete(root)).isTrue();
        assertThat(store.query(Folder.class)).containsExactly(other);
        List<String> deletes = DataStoreTest.drainOutbox(store);
        assertThat(deletes).containsExactlyInAnyOrder(deleteOf(root), deleteOf(a), deleteOf(a1), deleteOf(b));
        assertThat(deletes.indexOf(deleteOf(a1))).isLessThan(deletes.indexOf(deleteOf(a)));
        assertThat(deletes.indexOf(deleteOf(a))).isLessThan(deletes.indexOf(deleteOf(root)));
        assertThat(deletes.indexOf(deleteOf(b))).isLessThan(deletes.indexOf(deleteOf(root)));
    }

    @Test
    void aCycleIsDeletedOnceAndTheDeleteEnds() {
        Folder x = store.save(Folder.builder().name("x").build());
        Folder y = store.save(Folder.builder().name("y").parent(x).build());
        store.save(x.toBuilder().parent(y).build()); // x in y in x
        DataStoreTest.drainOutbox(store);

        assertThat(store.delete(x)).isTrue();
        assertThat(store.query(Folder.class)).isEmpty();
        assertThat(DataStoreTest.drainOutbox(store)).containsExactly(deleteOf(y), deleteOf(x));
    }

    @Test
    void aDeepTreeIsDeletedWithoutRunningOutOfStack() {
        List<Folder> chain = new ArrayList<>();
        Folder parent = null;
        for (int depth = 0; depth < 20_000; depth++) {
            parent = Folder.builder().name("level " + depth).parent(parent).build();
            chain.add(parent);
        }
        store.batch(batch -> chain.forEach(batch::save));
        DataStoreTest.drainOutbox(store);

        assertThat(store.delete(chain.get(0))).isTrue();
        assertThat(store.query(Folder.class)).isEmpty();
        List<String> deletes = DataStoreTest.drainOutbox(store);
        assertThat(deletes).hasSize(chain.size());
        assertThat(deletes.get(0)).isEqualTo(deleteOf(chain.get(chain.size() - 1))); // the deepest first
        assertThat(deletes.get(deletes.size() - 1)).isEqualTo(deleteOf(chain.get(0)));
    }

    private static String deleteOf(Folder folder) {
        return "DELETE Folder " + folder.id();
    }
}
