package com.example.notes;

import com.example.notes.model.DataStoreModels;
import com.example.notes.model.Note;
import com.example.notes.model.Notebook;
import com.example.notes.model.Priority;
import dev.datastore4j.store.DataStore;
import java.nio.file.Path;
import java.util.List;

/** The app's code: notes kept in a store, read back by a typed predicate. */
public final class Shelf implements AutoCloseable {
    private final DataStore store;

    public Shelf(Path file) {
        this.store = DataStore.open(DataStoreModels.REGISTRY, file);
    }

    public Note write(String notebook, String text, Priority priority) {
        Notebook book = store.save(Notebook.builder().title(notebook).build());
        return store.save(Note.builder().text(text).priority(priority).notebookNotesId(book.id()).build());
    }

    public List<Note> urgent() {
        return store.query(Note.class, Note.PRIORITY.eq(Priority.HIGH));
    }

    public int pending() {
        return store.outbox().size();
    }

    @Override
    public void close() {
        store.close();
    }
}
