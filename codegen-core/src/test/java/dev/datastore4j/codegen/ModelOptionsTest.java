package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Operations;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @model}'s operation maps as Amplify's transformer reads them by default: merged into its
 * defaults, so a map renames or turns off ({@code null}) the operations it names and leaves the
 * others; {@code null} for a group, or subscription level {@code off}, turns the group off.
 */
class ModelOptionsTest {
    private static Operations operations(String model) {
        ModelDef def = SchemaCompiler.compile(List.of(new SchemaSource("s.graphql", model + " { id: ID! }")))
                .schema().orElseThrow().models().get(0);
        return def.operations();
    }

    @Test
    void aMapChangesOnlyTheOperationsItNames() {
        assertThat(operations("type Note @model(subscriptions: { level: public })"))
                .isEqualTo(new Operations("getNote", "listNotes", "syncNotes", "createNote", "updateNote", "deleteNote",
                        "onCreateNote", "onUpdateNote", "onDeleteNote"));
        assertThat(operations("type Note @model(queries: { get: \"fetchNote\" }, mutations: { delete: null },"
                + " subscriptions: { onCreate: [\"noteAdded\"], onUpdate: null })"))
                .isEqualTo(new Operations("fetchNote", "listNotes", "syncNotes", "createNote", "updateNote", null,
                        "noteAdded", null, "onDeleteNote"));
    }

    @Test
    void nullOrLevelOffTurnsAGroupOff() {
        assertThat(operations("type Note @model(queries: null, mutations: null, subscriptions: null)"))
                .isEqualTo(new Operations(null, null, "syncNotes", null, null, null, null, null, null));
        assertThat(operations("type Note @model(subscriptions: { level: off })"))
                .isEqualTo(new Operations("getNote", "listNotes", "syncNotes", "createNote", "updateNote", "deleteNote",
                        null, null, null));
    }
}
