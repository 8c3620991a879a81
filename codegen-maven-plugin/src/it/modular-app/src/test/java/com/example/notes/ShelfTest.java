package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.notes.model.DataStoreModels;
import com.example.notes.model.Note;
import com.example.notes.model.Priority;
import dev.datastore4j.store.DataStore;
import dev.datastore4j.store.QuerySnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's module on the module path, with the runtime and the SQLite driver as modules: real database files. */
class ShelfTest {
    @TempDir
    Path temp;

    @Test
    void runsAsANamedModule() {
        assertEquals("com.example.notes", Shelf.class.getModule().getName());
        assertEquals("dev.datastore4j.runtime", DataStore.class.getModule().getName());
        assertTrue(DataStore.class.getModule().getLayer().findModule("org.xerial.sqlitejdbc").isPresent(),
                "the SQLite driver, as a module the runtime requires");
    }

    @Test
    void savesAndQueriesThroughTheGeneratedModels() {
        Path file = temp.resolve("notes.db");
        try (Shelf shelf = new Shelf(file)) {
            Note call = shelf.write("work", "call ana", Priority.HIGH);
            shelf.write("home", "water plants", Priority.LOW);
            assertEquals(List.of(call), shelf.urgent());
            assertEquals(4, shelf.pending()); // two notebooks and two notes, waiting for the server
        }
        try (Shelf again = new Shelf(file)) {
            assertEquals(List.of("call ana"), again.urgent().stream().map(Note::text).toList());
        }
    }

    @Test
    void observesAndBacksUp() throws Exception {
        Path file = temp.resolve("notes.db");
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            BlockingQueue<QuerySnapshot<Note>> snapshots = new LinkedBlockingQueue<>();
            store.observeQuery(Note.class, Note.PRIORITY.eq(Priority.HIGH), List.of()).subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(QuerySnapshot<Note> snapshot) {
                    snapshots.add(snapshot);
                }

                @Override
                public void onError(Throwable failure) {
                    failure.printStackTrace(); // the snapshot awaited below is then missing
                }

                @Override
                public void onComplete() {
                    // the store's streams end when it closes
                }
            });
            assertEquals(List.of(), snapshots.poll(10, TimeUnit.SECONDS).items());
            Note urgent = store.save(Note.builder().text("now").priority(Priority.HIGH).build());
            assertEquals(List.of(urgent), snapshots.poll(10, TimeUnit.SECONDS).items());
        }
        Path copy = temp.resolve("copy.db");
        DataStore.backup(file, copy);
        try (Shelf restored = new Shelf(copy)) {
            assertEquals(List.of("now"), restored.urgent().stream().map(Note::text).toList());
        }
    }
}
