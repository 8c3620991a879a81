package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.folders.DataStoreModels;
import com.example.folders.Folder;
import com.example.folders.Panel;
import com.example.folders.Tab;
import dev.datastore4j.query.QueryPredicate;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-model types that hold themselves: a folder's layout is a panel holding panels, and tabs
 * whose content is a panel again (folders schema). Their generated schemas refer to each other,
 * and the store keeps, reads, queues and compares such values, as deep as AppSync's DynamoDB
 * keeps them and no deeper.
 */
class NestedObjectsTest {
    @TempDir
    Path temp;

    private static Panel layout(String link) {
        Panel inner = Panel.builder().title("inner").link(URI.create(link)).build();
        Tab tab = Tab.builder().label("tab").content(Panel.builder().title("in a tab").panels(List.of(inner)).build()).build();
        return Panel.builder().title("top").panels(List.of(inner, Panel.builder().title("empty").build()))
                .tabs(List.of(tab, Tab.builder().label("no content").build())).build();
    }

    @Test
    void aLayoutOfPanelsWithinPanelsIsKeptReadAndQueuedWhole() {
        Path file = temp.resolve("folders.db");
        Folder folder = Folder.builder().name("home").layout(layout("https://example.com/a")).build();
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            store.save(folder);
            assertThat(store.get(Folder.class, folder.id())).contains(folder);
            assertThat(store.outbox().peek().orElseThrow().data()).contains("\"layout\":{\"title\":\"top\","
                    + "\"panels\":[{\"title\":\"inner\",\"panels\":null,\"tabs\":null,\"link\":\"https://example.com/a\"}");
        }
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) { // the stored layout's signature reads again
            assertThat(store.query(Folder.class)).containsExactly(folder);
        }
    }

    @Test
    void aUrlChangedOnlyInCaseDeepInsideGivesANewSnapshot() throws Exception {
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("folders.db"))) {
            Collector<QuerySnapshot<Folder>> snapshots = new Collector<>(snapshot -> snapshot.items().stream()
                    .map(f -> f.layout().tabs().get(0).content().panels().get(0).link().toString()).toList());
            store.observeQuery(Folder.class, QueryPredicate.all(), List.of()).subscribe(snapshots);
            assertThat(snapshots.next()).isEqualTo(List.of());
            Folder folder = store.save(Folder.builder().name("home").layout(layout("https://Example.COM/a")).build());
            assertThat(snapshots.next()).isEqualTo(List.of("https://Example.COM/a"));
            store.save(folder.toBuilder().layout(layout("https://example.com/a")).build());
            assertThat(snapshots.next()).isEqualTo(List.of("https://example.com/a"));
        }
    }

    /** A panel {@code levels} deep: each level a panel in the list of the one above. */
    private static Panel nested(int levels) {
        Panel panel = Panel.builder().title("leaf").build();
        for (int i = 0; i < levels; i++) {
            panel = Panel.builder().title("level " + i).panels(List.of(panel)).build();
        }
        return panel;
    }

    /**
     * A value nested deeper than AppSync's DynamoDB keeps is refused when saved, naming its field,
     * before anything is written; one at the limit is kept and read back.
     */
    @Test
    void aLayoutNestedPastWhatDynamoDbKeepsIsRefusedAndNothingWritten() {
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("folders.db"))) {
            // two levels a panel (its object, its list), and the layout's own object: 31 in all
            Folder deepest = Folder.builder().name("deepest").layout(nested(15)).build();
            Folder tooDeep = Folder.builder().name("too deep").layout(nested(16)).build();
            assertThatThrownBy(() -> store.save(tooDeep)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Folder.layout: lists and non-model objects nest more than 31 levels deep, which"
                            + " AppSync's DynamoDB does not keep (an attribute nests at most 32 levels, itself the first)");
            assertThat(store.query(Folder.class)).isEmpty();
            assertThat(store.outbox().size()).isZero();
            store.save(deepest);
            assertThat(store.query(Folder.class)).containsExactly(deepest);
            assertThat(store.outbox().size()).isEqualTo(1);
        }
    }
}
