package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.notes.model.DataStoreModels;
import com.example.notes.model.Note;
import com.example.notes.model.Priority;
import org.junit.jupiter.api.Test;

class InboxTest {
    @Test
    void generatedModelsWork() {
        Note note = Inbox.quickNote("buy milk");
        assertEquals(0, note.stars());
        assertEquals(Priority.NORMAL, note.priority());
        assertFalse(Inbox.important().test(note));
        assertTrue(Inbox.important().test(note.toBuilder().stars(5).build()));
        assertTrue(Note.TEXT.beginsWith("buy").test(note));
        assertEquals(2, DataStoreModels.REGISTRY.models().size());
        assertEquals(Note.SCHEMA, DataStoreModels.REGISTRY.schema(Note.class));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Note.builder().build());
        assertEquals("Note is missing required field: text", e.getMessage());
    }

    @Test
    void thePluginsOwnDependenciesAreNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("graphql.parser.Parser"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.palantir.javapoet.JavaFile"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.datastore4j.codegen.Codegen"));
    }
}
