package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.notes.model.DataStoreModels;
import com.example.notes.model.Note;
import com.example.notes.model.Notebook;
import com.example.notes.model.Priority;
import dev.datastore4j.store.DataStore;
import dev.datastore4j.store.Page;
import dev.datastore4j.store.PendingMutation;
import dev.datastore4j.store.QuerySnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated models in the local store, as an app of this build uses them: a real SQLite file. */
class NotebookStoreTest {
    @TempDir
    Path temp;

    @Test
    void savesQueriesObservesAndCascadesThroughTheGeneratedModels() throws Exception {
        Path file = temp.resolve("notes.db");
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            BlockingQueue<QuerySnapshot<Note>> snapshots = new LinkedBlockingQueue<>();
            store.observeQuery(Note.class, Inbox.important(), List.of(Note.STARS.descending())).subscribe(
                    new Flow.Subscriber<>() {
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
                            failure.printStackTrace(); // the snapshots checked below are then missing
                        }

                        @Override
                        public void onComplete() {
                            // a store's streams end when it closes
                        }
                    });
            assertTrue(snapshots.poll(10, TimeUnit.SECONDS).items().isEmpty());

            Notebook work = store.save(Notebook.builder().title("work").build());
            store.save(Inbox.quickNote("call ana").toBuilder().notebookNotesId(work.id()).stars(4).build());
            store.save(Inbox.quickNote("it's \"urgent\"; DROP TABLE Note").toBuilder().notebookNotesId(work.id())
                    .priority(Priority.HIGH).labels(List.of("ü", "💡")).build());
            store.save(Inbox.quickNote("later"));

            List<Note> important = store.query(Note.class, Inbox.important(), List.of(Note.STARS.descending()), Page.first(10));
            assertEquals(List.of("call ana", "it's \"urgent\"; DROP TABLE Note"), important.stream().map(Note::text).toList());
            assertEquals(List.of("ü", "💡"), important.get(1).labels());
            assertEquals(2, work.notes().load(store).size());
            List<String> seen = new ArrayList<>();
            for (QuerySnapshot<Note> snapshot = snapshots.poll(10, TimeUnit.SECONDS); snapshot != null;
                    snapshot = snapshots.poll(500, TimeUnit.MILLISECONDS)) {
                seen = snapshot.items().stream().map(Note::text).toList();
            }
            assertEquals(important.stream().map(Note::text).toList(), seen, "the last snapshot holds what a query finds");

            assertTrue(store.delete(work)); // and its notes with it
            assertEquals(List.of("later"), store.query(Note.class).stream().map(Note::text).toList());
        }
        // Every change waits in the outbox, in the file, for the sync engine: 2 notes and a notebook
        // created and deleted merge away, "later" stays a create.
        List<PendingMutation> pending = new ArrayList<>();
        DataStore.readPendingMutations(file, pending::add);
        assertEquals(1, pending.size());
        assertEquals("Note", pending.get(0).model());
        assertEquals(PendingMutation.Type.CREATE, pending.get(0).type());
        try (DataStore reopened = DataStore.open(DataStoreModels.REGISTRY, file)) {
            assertFalse(reopened.query(Note.class, Note.TEXT.eq("later")).isEmpty());
        }
    }
}
