package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.defaults.Level;
import com.example.defaults.Setting;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.store.NoteVersions.NoteRetyped;
import dev.datastore4j.store.NoteVersions.NoteV1;
import dev.datastore4j.store.NoteVersions.NoteV2;
import dev.datastore4j.store.NoteVersions.NoteV4;
import dev.datastore4j.store.NoteVersions.Score;
import dev.datastore4j.store.NoteVersions.LevelV1;
import dev.datastore4j.store.NoteVersions.LevelV2;
import dev.datastore4j.store.NoteVersions.TaskV1;
import dev.datastore4j.store.NoteVersions.TaskV2;
import dev.datastore4j.query.QueryPredicate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening databases written by other versions of the schema, or not by us at all. */
class MigrationTest {
    @TempDir
    Path temp;

    private Path db() {
        return temp.resolve("notes.db");
    }

    @Test
    void additiveChangesMigrateInPlace() throws Exception {
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            v1.save(new NoteV1("n1", "kept"));
        }
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            assertThat(v2.query(NoteV2.class)).containsExactly(new NoteV2("n1", "kept", null));
            v2.save(new NoteV2("n2", "new", "red"));
            v2.save(new NoteVersions.Tag("t1"));
            assertThat(v2.query(NoteV2.class, NoteV2.COLOR.eq("red"))).containsExactly(new NoteV2("n2", "new", "red"));
            assertThat(v2.outbox().size()).isEqualTo(3);
        }
        assertThat(indexes()).contains("Note.byText");
    }

    /**
     * Opening a database of the same schema commits no change (SQLite's data_version, seen from
     * another connection, stays), so an app can open and read its data on a full disk.
     */
    @Test
    void openingAnUnchangedDatabaseWritesNothing() throws Exception {
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            v1.save(new NoteV1("n1", "kept"));
        }
        try (Connection watcher = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            long before = dataVersion(watcher);
            try (DataStore again = DataStore.open(NoteVersions.V1, db())) {
                assertThat(dataVersion(watcher)).isEqualTo(before);
                again.save(new NoteV1("n2", "a change"));
                assertThat(dataVersion(watcher)).as("a commit is seen").isNotEqualTo(before);
            }
        }
    }

    private static long dataVersion(Connection connection) throws Exception {
        try (ResultSet version = connection.createStatement().executeQuery("PRAGMA data_version")) {
            return version.getLong(1);
        }
    }

    @Test
    void aNewRequiredFieldCannotBeMigratedAndNothingIsTouched() throws Exception {
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            v2.save(new NoteV2("n1", "kept", null));
        }
        byte[] before = Files.readAllBytes(db());
        assertThatThrownBy(() -> DataStore.open(NoteVersions.V3, db()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("new field Note.priority is required, and stored records lack it: give it a @default,")
                .hasMessageContaining("Options.resetIfIncompatible()");
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            assertThat(v2.query(NoteV2.class)).hasSize(1);
            assertThat(v2.outbox().size()).isEqualTo(1);
        }
        assertThat(before).isNotEmpty();
    }

    /**
     * A field the schema now requires, new or optional before, is given its {@code @default}
     * where stored records lack it, as the sync server gives it to its own records, so that the
     * local copies match what the next sync brings. Pending creates and updates that set it to
     * null carry the default too (the server would refuse an update setting a required field to
     * null, and the change with it); those that leave the field out, and deletes, are left as they were.
     */
    @Test
    void aRequiredFieldWithADefaultIsFilledInWhereRecordsLackIt() throws Exception {
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            v2.save(new NoteV2("n1", "sent", null));
            v2.save(new NoteV2("n3", "to delete", null));
            DataStoreTest.drainOutbox(v2);
            v2.save(new NoteV2("n1", "then changed", null));
            v2.delete(new NoteV2("n3", "to delete", null));
            v2.save(new NoteV2("n2", "new", "red"));
        }
        List<String> pending = rows("SELECT type, data FROM " + Outbox.TABLE + " ORDER BY seq");
        assertThat(pending).hasSize(3);
        try (DataStore v4 = DataStore.open(NoteVersions.V4, db())) {
            assertThat(v4.query(NoteV4.class, QueryPredicate.all(), List.of(NoteV4.ID.ascending()), Page.all()))
                    .containsExactly(new NoteV4("n1", "then changed", "yellow", false), new NoteV4("n2", "new", "red", false));
            assertThat(v4.query(NoteV4.class, NoteV4.PINNED.eq(false))).hasSize(2);
        }
        assertThat(rows("SELECT type, data FROM " + Outbox.TABLE + " ORDER BY seq")).containsExactly(
                pending.get(0).replace("\"color\":null", "\"color\":\"yellow\""), pending.get(1), pending.get(2));
        assertThat(pending.get(0)).startsWith("UPDATE|").contains("\"color\":null").doesNotContain("pinned");
        assertThat(pending.get(1)).startsWith("DELETE|").contains("\"color\":null");
    }

    /**
     * The golden {@code defaults} schema: a @default of every scalar type and an enum, each filled
     * in as a save of a new builder's record stores it.
     */
    @Test
    void aDefaultOfEveryTypeIsFilledIn() {
        try (DataStore v0 = DataStore.open(NoteVersions.SETTINGS_V0, db())) {
            v0.save(new NoteVersions.SettingV0("s1"));
        }
        try (DataStore now = DataStore.open(com.example.defaults.DataStoreModels.REGISTRY, db())) {
            now.save(Setting.builder().id("s2").build());
            Setting saved = now.get(Setting.class, "s2").orElseThrow();
            Setting filled = now.get(Setting.class, "s1").orElseThrow();
            assertThat(filled).isEqualTo(saved.toBuilder().id("s1").build());
            assertThat(now.query(Setting.class, Setting.STAMP.eq(saved.stamp()).and(Setting.SINCE.eq(saved.since()))
                    .and(Setting.LEVEL.eq(Level.LOW)).and(Setting.HELP.eq(saved.help())))).containsExactlyInAnyOrder(filled, saved);
        }
    }

    /**
     * A type that changed while its column's SQL type did not (an enum losing a value, text
     * becoming a date) opens once every stored value still reads as the new type, and every
     * value pending mutations hold.
     */
    @Test
    void aChangedTypeOpensWhenEveryStoredValueFitsIt() {
        try (DataStore v1 = DataStore.open(NoteVersions.TASKS_V1, db())) {
            v1.save(new TaskV1("t1", LevelV1.HIGH, "2024-02-29"));
        }
        try (DataStore v2 = DataStore.open(NoteVersions.TASKS_V2, db())) {
            assertThat(v2.query(TaskV2.class)).containsExactly(new TaskV2("t1", LevelV2.HIGH, LocalDate.of(2024, 2, 29)));
        }
    }

    /** ... and is refused while one does not (every query reaching it would fail), with nothing touched. */
    @Test
    void aChangedTypeIsRefusedWhileStoredValuesDoNotFitIt() {
        try (DataStore v1 = DataStore.open(NoteVersions.TASKS_V1, db())) {
            v1.save(new TaskV1("t1", LevelV1.MEDIUM, "2024-02-29"));
            v1.save(new TaskV1("t2", LevelV1.LOW, "tomorrow"));
            v1.save(new TaskV1("t3", LevelV1.HIGH, null));
            DataStoreTest.drainOutbox(v1);
            v1.save(new TaskV1("t3", LevelV1.MEDIUM, null));
            v1.save(new TaskV1("t3", LevelV1.HIGH, null)); // merged into the pending update: fits again
        }
        assertThatThrownBy(() -> DataStore.open(NoteVersions.TASKS_V2, db()))
                .isInstanceOf(SchemaMismatchException.class)
                .satisfies(e -> assertThat(((SchemaMismatchException) e).differences()).containsExactly(
                        "field Task.level changed type, and 1 stored record and 0 pending mutations hold values it no"
                                + " longer takes (such as record t1: not a value of enum Level: MEDIUM)",
                        "field Task.due changed type, and 1 stored record and 0 pending mutations hold values it no"
                                + " longer takes (such as record t2: Text 'tomorrow' could not be parsed at index 0)"));
        try (DataStore v1 = DataStore.open(NoteVersions.TASKS_V1, db())) {
            v1.save(new TaskV1("t4", LevelV1.MEDIUM, "soon"));
        }
        assertThatThrownBy(() -> DataStore.open(NoteVersions.TASKS_V2, db()))
                .hasMessageContaining("field Task.level changed type, and 2 stored records and 1 pending mutation hold");
        try (DataStore v1 = DataStore.open(NoteVersions.TASKS_V1, db())) {
            assertThat(v1.query(TaskV1.class)).hasSize(4);
        }
    }

    /** A database written before layouts recorded types has its values read as the new types, once. */
    @Test
    void aLayoutWrittenBeforeTypesWereRecordedIsCheckedByItsValues() throws Exception {
        try (DataStore v1 = DataStore.open(NoteVersions.TASKS_V1, db())) {
            v1.save(new TaskV1("t1", LevelV1.MEDIUM, "2024-02-29"));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            connection.createStatement().executeUpdate("UPDATE " + Tables.SCHEMA + " SET layout = json_remove(layout, '$.types')");
        }
        assertThatThrownBy(() -> DataStore.open(NoteVersions.TASKS_V2, db()))
                .hasMessageContaining("field Task.level changed type, and 1 stored record and 1 pending mutation hold");
        try (DataStore v1 = DataStore.open(NoteVersions.TASKS_V1, db())) {
            assertThat(v1.query(TaskV1.class)).containsExactly(new TaskV1("t1", LevelV1.MEDIUM, "2024-02-29"));
        }
        assertThat(rows("SELECT json_type(layout, '$.types') FROM " + Tables.SCHEMA)).containsExactly("object");
    }

    /**
     * A field removed from the schema keeps its values in its column, unread, as the server keeps
     * a removed field's values, and is left out of pending mutations (the server's inputs no
     * longer have it); back with its type, it finds its values again. A model removed from the
     * schema with nothing pending keeps its table the same way.
     */
    @Test
    void aRemovedFieldOrModelKeepsItsValuesAndLeavesPendingMutations() throws Exception {
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            v2.save(new NoteV2("n1", "kept", "red"));
            v2.save(new NoteVersions.Tag("t1"));
            DataStoreTest.drainOutbox(v2);
            v2.save(new NoteV2("n1", "edited", "blue"));
        }
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            assertThat(v1.query(NoteV1.class)).containsExactly(new NoteV1("n1", "edited"));
            v1.save(new NoteV1("n2", "new"));
        }
        assertThat(rows("SELECT type, data FROM " + Outbox.TABLE + " ORDER BY seq")).containsExactly(
                "UPDATE|{\"id\":\"n1\",\"text\":\"edited\"}", "CREATE|{\"id\":\"n2\",\"text\":\"new\"}");
        try (Connection watcher = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            long before = dataVersion(watcher);
            DataStore.open(NoteVersions.V1, db()).close();
            assertThat(dataVersion(watcher)).as("opening it again writes nothing").isEqualTo(before);
        }
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            assertThat(v2.query(NoteV2.class, QueryPredicate.all(), List.of(NoteV2.ID.ascending()), Page.all()))
                    .containsExactly(new NoteV2("n1", "edited", "blue"), new NoteV2("n2", "new", null));
            assertThat(v2.query(NoteVersions.Tag.class)).containsExactly(new NoteVersions.Tag("t1"));
        }
    }

    /**
     * A removed field back in the schema goes back into the pending creates and updates that lost
     * it, with the value the app shows: they read as if it had never been removed, so an offline
     * change to it still reaches the server. The entry in flight was sent without it and stays so.
     */
    @Test
    void aFieldBackIsPutBackIntoThePendingMutations() throws Exception {
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            v2.save(new NoteV2("n1", "sent", "red"));
            v2.save(new NoteV2("n2", "sent", "red"));
            DataStoreTest.drainOutbox(v2);
            v2.save(new NoteV2("n1", "sent", "blue")); // offline changes of the color
            v2.save(new NoteV2("n2", "sent", "green"));
            v2.save(new NoteV2("n3", "new", "white"));
        }
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            assertThat(v1.outbox().next()).get().extracting(PendingMutation::recordId).isEqualTo("n1"); // being sent
            v1.save(new NoteV1("n4", "made without colors"));
            v1.save(new NoteV1("n2", "edited without colors"));
        }
        assertThat(rows("SELECT data FROM " + Outbox.TABLE + " ORDER BY seq")).containsExactly(
                "{\"id\":\"n1\",\"text\":\"sent\"}", "{\"id\":\"n2\",\"text\":\"edited without colors\"}",
                "{\"id\":\"n3\",\"text\":\"new\"}", "{\"id\":\"n4\",\"text\":\"made without colors\"}");
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            assertThat(v2.query(NoteV2.class, QueryPredicate.all(), List.of(NoteV2.ID.ascending()), Page.all()))
                    .containsExactly(new NoteV2("n1", "sent", "blue"), new NoteV2("n2", "edited without colors", "green"),
                            new NoteV2("n3", "new", "white"), new NoteV2("n4", "made without colors", null));
        }
        assertThat(rows("SELECT type, in_flight, data FROM " + Outbox.TABLE + " ORDER BY seq")).containsExactly(
                "UPDATE|1|{\"id\":\"n1\",\"text\":\"sent\"}",
                "UPDATE|0|{\"id\":\"n2\",\"text\":\"edited without colors\",\"color\":\"green\"}",
                "CREATE|0|{\"id\":\"n3\",\"text\":\"new\",\"color\":\"white\"}",
                "CREATE|0|{\"id\":\"n4\",\"text\":\"made without colors\",\"color\":null}");
        try (Connection watcher = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            long before = dataVersion(watcher);
            DataStore.open(NoteVersions.V2, db()).close();
            assertThat(dataVersion(watcher)).as("opening it again writes nothing").isEqualTo(before);
        }
    }

    /** ... unless a pending mutation's condition tests the field, or mutations of the model are pending. */
    @Test
    void aRemovalIsRefusedWhilePendingMutationsNeedWhatWasRemoved() {
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            v2.save(new NoteV2("n1", "kept", "red"));
            DataStoreTest.drainOutbox(v2);
            v2.save(new NoteV2("n1", "edited", "red"), NoteV2.COLOR.eq("red"));
            v2.save(new NoteVersions.Tag("t1"));
        }
        assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, db()))
                .isInstanceOf(SchemaMismatchException.class)
                .satisfies(e -> assertThat(((SchemaMismatchException) e).differences()).containsExactly(
                        "field Note.color was removed, but 1 pending mutation has a condition on it, which the server"
                                + " could not test",
                        "model Tag is no longer in the schema, and 1 of its mutations waits for the server"));
    }

    /**
     * A removed field back with a type stored another way meets the values of its old type: they
     * are converted as for a field that stayed, and the opening is refused when they cannot be.
     */
    @Test
    void aFieldBackWithAnotherColumnTypeHasItsValuesConverted() {
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db())) {
            v2.save(new NoteV2("n1", "kept", "red"));
        }
        DataStore.open(NoteVersions.V1, db()).close();
        assertThatThrownBy(() -> DataStore.open(NoteVersions.NUMBERED, db()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("field Note.color changed type from String to Int, stored another way, and 1 stored"
                        + " record and 0 pending mutations hold values it cannot take (such as 'red', which");

        Path scores = temp.resolve("scores.db");
        try (DataStore ints = DataStore.open(Score.withPoints(FieldType.INT), scores)) {
            ints.save(new Score("s1", 7, "kept"));
        }
        try (DataStore without = DataStore.open(Score.WITHOUT_POINTS, scores)) {
            without.save(new Score("s2", null, "saved while points were gone"));
        }
        try (DataStore strings = DataStore.open(Score.withPoints(FieldType.STRING), scores)) {
            assertThat(strings.query(Score.class)).containsExactlyInAnyOrder(new Score("s1", "7", "kept"),
                    new Score("s2", null, "saved while points were gone"));
        }
    }

    /**
     * A field whose new type is stored another way is converted as the sync server takes its own
     * values for the new type: an Int becomes a Float, a Float a String; its index is made again,
     * and the values pending mutations hold are converted with the records.
     */
    @Test
    void aFieldStoredAnotherWayIsConverted() throws Exception {
        ModelRegistry ints = Score.withPoints(FieldType.INT);
        try (DataStore v1 = DataStore.open(ints, db())) {
            v1.save(new Score("s1", 7, "sent"));
            v1.save(new Score("s2", null, "no points"));
            v1.save(new Score("s3", -3, "sent"));
            DataStoreTest.drainOutbox(v1);
            v1.save(new Score("s3", 12, "changed offline"));
            v1.save(new Score("s4", 5, "new offline"));
        }
        ModelRegistry floats = Score.withPoints(FieldType.FLOAT);
        try (DataStore v2 = DataStore.open(floats, db())) {
            assertThat(v2.query(Score.class)).containsExactlyInAnyOrder(new Score("s1", 7.0, "sent"),
                    new Score("s2", null, "no points"), new Score("s3", 12.0, "changed offline"),
                    new Score("s4", 5.0, "new offline"));
            assertThat(v2.query(Score.class, Score.points(floats).eq(12.0))).extracting(Score::id).containsExactly("s3");
        }
        assertThat(rows("SELECT type FROM pragma_table_info('Score') WHERE name = 'points'")).containsExactly("REAL");
        assertThat(rows("SELECT data FROM " + Outbox.TABLE + " ORDER BY seq")).containsExactly(
                "{\"id\":\"s3\",\"points\":12.0,\"note\":\"changed offline\"}",
                "{\"id\":\"s4\",\"points\":5.0,\"note\":\"new offline\"}");
        ModelRegistry strings = Score.withPoints(FieldType.STRING);
        try (DataStore v3 = DataStore.open(strings, db())) {
            assertThat(v3.query(Score.class, QueryPredicate.<Score>all(), List.of(Score.points(strings).ascending()), Page.first(10)))
                    .extracting(Score::points).containsExactly(null, "12.0", "5.0", "7.0");
            assertThat(v3.query(Score.class, Score.points(strings).eq("7.0"))).extracting(Score::id).containsExactly("s1");
            assertThat(DataStoreTest.drainOutbox(v3)).containsExactly("UPDATE Score s3", "CREATE Score s4");
        }
        assertThat(rows("SELECT type FROM pragma_table_info('Score') WHERE name = 'points'")).containsExactly("TEXT");
        assertThat(indexes()).contains("Score.byPoints");
        assertThat(rows("SELECT name FROM pragma_table_info('Score')")).containsExactly("id", "note", "points");
    }

    @Test
    void intsAndBooleansBecomeText() {
        try (DataStore ints = DataStore.open(Score.withPoints(FieldType.INT), db())) {
            ints.save(new Score("s1", 42, null));
            ints.save(new Score("s2", Integer.MIN_VALUE, null));
        }
        try (DataStore ids = DataStore.open(Score.withPoints(FieldType.ID), db())) {
            assertThat(ids.query(Score.class)).extracting(Score::points).containsExactlyInAnyOrder("42", "-2147483648");
        }
        Path flags = temp.resolve("flags.db");
        try (DataStore booleans = DataStore.open(Score.withPoints(FieldType.BOOLEAN), flags)) {
            booleans.save(new Score("s1", true, null));
            booleans.save(new Score("s2", false, null));
        }
        try (DataStore text = DataStore.open(Score.withPoints(FieldType.STRING), flags)) {
            assertThat(text.query(Score.class)).extracting(Score::points).containsExactlyInAnyOrder("true", "false");
            assertThat(text.outbox().size()).isEqualTo(2);
            assertThat(text.outbox().peek()).get().extracting(PendingMutation::data)
                    .isEqualTo("{\"id\":\"s1\",\"points\":\"true\",\"note\":null}");
        }
    }

    /**
     * Values the server would not take for the new type refuse the opening, naming how many and
     * one of them, with nothing changed; a column holding only nulls converts to anything.
     */
    @Test
    void valuesThatCannotBeConvertedRefuseTheOpening() throws Exception {
        try (DataStore text = DataStore.open(Score.withPoints(FieldType.STRING), db())) {
            text.save(new Score("s1", "12", null));
            text.save(new Score("s2", "many", null));
            DataStoreTest.drainOutbox(text);
            text.save(new Score("s3", "3", null));
        }
        byte[] before = Files.readAllBytes(db());
        assertThatThrownBy(() -> DataStore.open(Score.withPoints(FieldType.INT), db()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("field Score.points changed type from String to Int, stored another way, and 3 stored"
                        + " records and 1 pending mutation hold values it cannot take (such as '12', which cannot be"
                        + " converted to Int); only an Int becomes a Float, and an Int, Float or Boolean a String or an ID");
        assertThat(Files.readAllBytes(db())).isEqualTo(before);
        try (DataStore text = DataStore.open(Score.withPoints(FieldType.STRING), db())) {
            assertThat(text.query(Score.class)).hasSize(3);
            DataStoreTest.drainOutbox(text);
            text.delete(Score.class, "s1");
            text.delete(Score.class, "s2");
            text.save(new Score("s3", null, "no points"));
        }
        try (DataStore ints = DataStore.open(Score.withPoints(FieldType.INT), db())) {
            assertThat(ints.query(Score.class)).containsExactly(new Score("s3", null, "no points"));
            ints.save(new Score("s4", 4, null));
        }
    }

    @Test
    void aKeyOrAConditionOfAnotherTypeCannotBeConverted() {
        try (DataStore keyed = DataStore.open(Score.keyedBy(FieldType.INT), db())) {
            keyed.save(new Score(1, 10, null));
        }
        assertThatThrownBy(() -> DataStore.open(Score.keyedBy(FieldType.STRING), db()))
                .hasMessageContaining("field Score.id changed type from Int to String, but it is part of the key");
        Path conditional = temp.resolve("conditional.db");
        ModelRegistry ints = Score.withPoints(FieldType.INT);
        try (DataStore v1 = DataStore.open(ints, conditional)) {
            v1.save(new Score("s1", 10, null));
            DataStoreTest.drainOutbox(v1);
            v1.save(new Score("s1", 11, null), Score.points(ints).eq(10));
        }
        assertThatThrownBy(() -> DataStore.open(Score.withPoints(FieldType.STRING), conditional))
                .hasMessageContaining("field Score.points changed type from Int to String, but 1 pending mutation has a"
                        + " condition on it, written for the old type");
    }

    @Test
    void aResetIsRefusedWhileMutationsArePending() {
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            v1.save(new NoteV1("n1", "pending"));
        }
        assertThatThrownBy(() -> DataStore.open(NoteVersions.RETYPED, db(), DataStore.Options.resetIfIncompatible()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("a reset would drop the 1 mutation waiting for the server: open it with"
                        + " Options.setAsideIfIncompatible()")
                .satisfies(e -> assertThat(((SchemaMismatchException) e).differences()).singleElement()
                        .asString().contains("Note.text"));
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            DataStoreTest.drainOutbox(v1);
        }
        try (DataStore retyped = DataStore.open(NoteVersions.RETYPED, db(), DataStore.Options.resetIfIncompatible())) {
            assertThat(retyped.query(NoteRetyped.class)).isEmpty();
            retyped.save(new NoteRetyped("n1", 7));
            assertThat(retyped.query(NoteRetyped.class)).containsExactly(new NoteRetyped("n1", 7));
        }
    }

    /**
     * Setting aside: a database that cannot be migrated is copied whole beside the file, then the
     * store starts over, even with mutations pending; they stay in the copy, readable without the
     * old models, and the copy opens as a store of the old schema.
     */
    @Test
    void settingAsideKeepsTheOldDatabasePendingMutationsAndAll() throws Exception {
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            v1.save(new NoteV1("n1", "sent"));
            DataStoreTest.drainOutbox(v1);
            v1.save(new NoteV1("n1", "changed offline"));
            v1.save(new NoteV1("n2", "new offline"));
            assertThat(v1.outbox().next()).get().extracting(PendingMutation::inFlight).isEqualTo(true);
        }
        List<PendingMutation> pending = new ArrayList<>();
        assertThat(DataStore.readPendingMutations(db(), pending::add)).isEqualTo(2);
        assertThat(pending).extracting(m -> m.type() + " " + m.recordId() + " " + m.inFlight())
                .containsExactly("UPDATE n1 true", "CREATE n2 false");

        Path copy;
        try (DataStore retyped = DataStore.open(NoteVersions.RETYPED, db(), DataStore.Options.setAsideIfIncompatible())) {
            copy = retyped.setAside().orElseThrow();
            assertThat(copy.getParent()).isEqualTo(temp.toAbsolutePath());
            assertThat(copy.getFileName().toString()).matches("notes\\.db\\.set-aside-\\d{8}T\\d{6}Z");
            assertThat(retyped.query(NoteRetyped.class)).isEmpty();
            assertThat(retyped.outbox().size()).isZero();
            retyped.save(new NoteRetyped("n1", 7));
            assertThat(retyped.outbox().peek()).get().extracting(PendingMutation::data).isEqualTo("{\"id\":\"n1\",\"text\":7}");
        }
        List<PendingMutation> kept = new ArrayList<>();
        DataStore.readPendingMutations(copy, kept::add);
        assertThat(kept).isEqualTo(pending);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
        try (DataStore old = DataStore.open(NoteVersions.V1, copy)) {
            assertThat(old.query(NoteV1.class)).containsExactlyInAnyOrder(
                    new NoteV1("n1", "changed offline"), new NoteV1("n2", "new offline"));
            assertThat(DataStoreTest.drainOutbox(old)).containsExactly("UPDATE Note n1", "CREATE Note n2");
        }
        try (DataStore again = DataStore.open(NoteVersions.RETYPED, db(), DataStore.Options.setAsideIfIncompatible())) {
            assertThat(again.setAside()).as("the reset database now fits").isEmpty();
            assertThat(again.query(NoteRetyped.class)).containsExactly(new NoteRetyped("n1", 7));
        }
    }

    @Test
    void nothingIsSetAsideWhenTheDatabaseMigrates() throws Exception {
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db(), DataStore.Options.setAsideIfIncompatible())) {
            assertThat(v1.setAside()).isEmpty();
            v1.save(new NoteV1("n1", "kept"));
        }
        try (DataStore v2 = DataStore.open(NoteVersions.V2, db(), DataStore.Options.setAsideIfIncompatible())) {
            assertThat(v2.setAside()).isEmpty();
            assertThat(v2.query(NoteV2.class)).containsExactly(new NoteV2("n1", "kept", null));
            assertThat(v2.outbox().size()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("set-aside"));
        }
    }

    @Test
    void pendingMutationsAreReadOnlyFromAStoreFile() throws Exception {
        Path missing = temp.resolve("missing.db");
        assertThatThrownBy(() -> DataStore.readPendingMutations(missing, m -> {}))
                .hasMessage("cannot read " + missing + ": no such file");
        assertThatThrownBy(() -> DataStore.readPendingMutations(temp, m -> {}))
                .hasMessage("cannot read " + temp + ": not a file");
        Path plain = temp.resolve("plain.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + plain)) {
            connection.createStatement().execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> DataStore.readPendingMutations(plain, m -> {}))
                .hasMessage("cannot read " + plain + ": it is not an app's store (it has no outbox; a sync server's database has none)");
        Path garbage = temp.resolve("garbage.db");
        Files.write(garbage, "not a database at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DataStore.readPendingMutations(garbage, m -> {}))
                .hasMessageStartingWith("cannot read " + garbage + ": not a database, or corrupt");
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            v1.save(new NoteV1("n1", "pending"));
            List<String> read = new ArrayList<>();
            DataStore.readPendingMutations(db(), m -> read.add(m.type() + " " + m.recordId()));
            assertThat(read).as("a store's file, read while it is open").containsExactly("CREATE n1");
        }
    }

    /**
     * A store file in a read-only folder (a backup, say), where SQLite cannot create the shared
     * memory file a WAL database is read with: one closed cleanly is read all the same, and one
     * whose last writes are still in its WAL is refused, saying why. The folder's being read-only
     * is given here, since a test cannot count on making one (as root, nothing is); the check
     * itself was seen on a read-only tmpfs, where the code before answered SQLITE_CANTOPEN.
     */
    @Test
    void pendingMutationsAreReadFromAFileInAReadOnlyFolder() throws Exception {
        Path file = Files.createDirectories(temp.resolve("my backups #1")).resolve("notes 100%.db");
        try (DataStore v1 = DataStore.open(NoteVersions.V1, file)) {
            v1.save(new NoteV1("n1", "pending"));
            List<String> read = new ArrayList<>();
            assertThatThrownBy(() -> DataStore.readPendingMutations(file, m -> read.add(m.recordId()), false))
                    .hasMessage("cannot read " + file + ": its folder is read-only and its last writes are still in "
                            + file.toAbsolutePath() + "-wal (it was not closed cleanly): copy both files to a writable"
                            + " folder and read the copy");
            Path link = Files.createSymbolicLink(Files.createDirectories(temp.resolve("links")).resolve("link.db"), file);
            assertThatThrownBy(() -> DataStore.readPendingMutations(link, m -> read.add(m.recordId()), false))
                    .as("through a link in another folder: the WAL is beside the file it leads to")
                    .hasMessageContaining("its last writes are still in " + file.toRealPath() + "-wal");
            v1.save(new NoteV1("n2", "pending"));
        }
        List<String> read = new ArrayList<>();
        assertThat(DataStore.readPendingMutations(file, m -> read.add(m.type() + " " + m.recordId()), false)).isEqualTo(2);
        assertThat(read).containsExactly("CREATE n1", "CREATE n2");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("nothing written beside it")
                    .containsExactlyInAnyOrder("notes 100%.db", "notes 100%.db-datastore4j.lock");
        }
    }

    @Test
    void aDatabaseOfAnotherSchemaIsRefusedWithEveryDifference() {
        try (DataStore blog = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, db())) {
            blog.save(com.example.blog.Post.builder().title("mine").build());
        }
        assertThatThrownBy(() -> DataStore.open(com.example.shop.DataStoreModels.REGISTRY, db()))
                .isInstanceOf(SchemaMismatchException.class)
                .satisfies(e -> assertThat(((SchemaMismatchException) e).differences()).containsExactlyInAnyOrder(
                        "model Blog is no longer in the schema", "model Comment is no longer in the schema",
                        "model Post is no longer in the schema"));
        try (DataStore blog = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, db())) {
            assertThat(blog.query(com.example.blog.Post.class)).hasSize(1);
        }
    }

    /**
     * A SQLite database the store did not write (an app's other database) is refused whatever the
     * options, and left as it is: a table of it named like a model would be taken for the model's.
     */
    @Test
    void anotherSqliteDatabaseIsRefusedAndLeftAsItIs() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            connection.createStatement().execute("CREATE TABLE Note (title TEXT, body TEXT)");
            connection.createStatement().execute("INSERT INTO Note VALUES ('mine', 'not a store''s')");
            connection.createStatement().execute("CREATE TABLE settings (k, v)");
        }
        byte[] before = Files.readAllBytes(db());
        for (DataStore.Options options : List.of(DataStore.Options.defaults(), DataStore.Options.resetIfIncompatible(),
                DataStore.Options.setAsideIfIncompatible())) {
            assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, db(), options))
                    .isInstanceOf(DataStoreException.class)
                    .hasMessage("cannot open " + db() + ": it is a SQLite database, but not a datastore4j store (it has 2"
                            + " tables, such as Note, and no _datastore_schema); the file was left as it is: name a new"
                            + " file for the store");
        }
        assertThat(Files.readAllBytes(db())).isEqualTo(before);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("set-aside"));
        }
        Path empty = temp.resolve("empty.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + empty)) {
            connection.createStatement().execute("PRAGMA user_version = 3"); // a database file with no tables
        }
        try (DataStore store = DataStore.open(NoteVersions.V1, empty)) {
            store.save(new NoteV1("n1", "a store now"));
        }
    }

    /**
     * The layout of the store's own tables is versioned in the file's header: a store written by a
     * later version that lays them out another way (here: a format above this version's) is refused
     * whatever the options, its outbox included, and left as it is; an app rolled back to an older
     * datastore4j must not misread it. A store from before the format was kept (0) is this format.
     */
    @Test
    void aStoreOfANewerFormatIsRefusedAndLeftAsItIs() throws Exception {
        try (DataStore v1 = DataStore.open(NoteVersions.V1, db())) {
            v1.save(new NoteV1("n1", "pending"));
        }
        assertThat(userVersion(db())).isEqualTo(Tables.FORMAT);
        setUserVersion(db(), Tables.FORMAT + 1);
        byte[] before = Files.readAllBytes(db());
        String refused = ": it was written by a newer version of datastore4j (store format " + (Tables.FORMAT + 1)
                + "; this version reads format " + Tables.FORMAT + " and older): open it with that version or a later one;"
                + " the file was left as it is";
        for (DataStore.Options options : List.of(DataStore.Options.defaults(), DataStore.Options.resetIfIncompatible(),
                DataStore.Options.setAsideIfIncompatible())) {
            assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, db(), options))
                    .isInstanceOf(DataStoreException.class).hasMessage("cannot open " + db() + refused);
        }
        assertThatThrownBy(() -> DataStore.readPendingMutations(db(), mutation -> {}))
                .isInstanceOf(DataStoreException.class).hasMessage("cannot read " + db() + refused);
        assertThat(Files.readAllBytes(db())).isEqualTo(before);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("set-aside"));
        }

        setUserVersion(db(), 0); // as every store was before the format was kept
        try (DataStore again = DataStore.open(NoteVersions.V1, db())) {
            assertThat(again.query(NoteV1.class)).containsExactly(new NoteV1("n1", "pending"));
            assertThat(again.outbox().size()).isEqualTo(1);
        }
        assertThat(userVersion(db())).isEqualTo(Tables.FORMAT);
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet version = connection.createStatement().executeQuery("PRAGMA user_version")) {
            return version.getInt(1);
        }
    }

    private static void setUserVersion(Path file, int version) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.createStatement().execute("PRAGMA user_version = " + version);
        }
    }

    /**
     * On a full disk a store cannot even open: SQLite fails on the shared-memory file with an I/O
     * error whose words do not say what to look at (seen on a full tmpfs, where the store opened
     * again, every record and outbox entry there, once there was room). The message says it.
     */
    @Test
    void anIoErrorOnOpeningSaysTheDiskMayBeFull() {
        String sqlite = "[SQLITE_IOERR_SHMSIZE] I/O error within xShmMap while trying to resize an existing shared"
                + " memory segment (disk I/O error)";
        assertThat(DataStore.describe(new SQLException(sqlite)))
                .isEqualTo(sqlite + "; the disk may be full, or failing; the file was left as it is");
        assertThat(DataStore.describe(new SQLException("[SQLITE_BUSY] database is locked")))
                .isEqualTo("[SQLITE_BUSY] database is locked");
    }

    @Test
    void aCorruptFileIsReportedAndLeftAsItIs() throws Exception {
        byte[] garbage = new byte[8192];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(db(), garbage);
        assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, db()))
                .isInstanceOf(DataStoreException.class)
                .hasMessageStartingWith("cannot open " + db() + ": not a database, or corrupt")
                .hasMessageContaining("the file was left as it is");
        assertThat(Files.readAllBytes(db())).isEqualTo(garbage);
    }

    /** The store reads text as UTF-8 bytes; a file another program made in UTF-16 is refused, not misread. */
    @Test
    void aFileInUtf16IsRefusedAndLeftAsItIs() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA encoding = 'UTF-16le'");
            statement.execute("CREATE TABLE " + Tables.SCHEMA + " (model TEXT PRIMARY KEY, layout TEXT NOT NULL)");
        }
        byte[] before = Files.readAllBytes(db());
        assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, db()))
                .isInstanceOf(DataStoreException.class)
                .hasMessage("cannot open " + db() + ": its text is stored as UTF-16le, and a store keeps UTF-8 (datastore4j"
                        + " never makes such a file); the file was left as it is");
        assertThat(Files.readAllBytes(db())).isEqualTo(before);
    }

    @Test
    void aMissingFolderIsNamed() {
        Path nowhere = temp.resolve("no/such/folder/notes.db");
        assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, nowhere))
                .hasMessage("cannot open " + nowhere + ": folder " + nowhere.getParent() + " does not exist");
    }

    /** What the file system says, not the Java exception's class: here a folder is where the lock file goes. */
    @Test
    void aLockFileThatCannotBeCreatedIsNamedWithTheReason() throws IOException {
        Path lock = Files.createDirectory(OwnerLock.fileOf(db()));
        assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, db()))
                .hasMessage("cannot open " + db() + ": cannot create its lock file " + lock + ": Is a directory");
    }

    @Test
    void aFolderIsNotTakenForADatabase() {
        assertThatThrownBy(() -> DataStore.open(NoteVersions.V1, temp))
                .hasMessage("cannot open " + temp + ": it is a folder; name a database file in it");
    }

    private List<String> indexes() throws Exception {
        return rows("SELECT name FROM sqlite_master WHERE type = 'index'");
    }

    /** The rows {@code sql} selects from the database file, each as its columns joined by "|". */
    private List<String> rows(String sql) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rows.getString(i));
                }
                found.add(String.join("|", values));
            }
        }
        return found;
    }
}
