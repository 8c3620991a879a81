package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.notes.model.Note;
import com.example.notes.model.Priority;
import dev.datastore4j.store.DataStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's module on the module path, with the runtime and the SQLite driver as modules: a real database file. */
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
}
