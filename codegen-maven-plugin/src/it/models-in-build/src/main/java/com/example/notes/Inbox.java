package com.example.notes;

import com.example.notes.model.Note;
import com.example.notes.model.Priority;
import dev.datastore4j.query.QueryPredicate;

/** Application code that compiles against the generated models. */
public final class Inbox {
    private Inbox() {}

    public static QueryPredicate<Note> important() {
        return Note.PRIORITY.eq(Priority.HIGH).or(Note.STARS.ge(3));
    }

    public static Note quickNote(String text) {
        return Note.builder().text(text).build();
    }
}
