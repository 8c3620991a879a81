package dev.datastore4j.store;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.EqualityField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.StringField;
import java.time.LocalDate;
import java.util.List;

/**
 * Successive versions of one small schema, written the way the generator writes models, for
 * migration tests: v1 has Note(id, text); v2 adds an optional field, an index and a model; v3
 * adds a required field; "numbered" brings v2's color back as an Int; v4 makes v2's color required and adds a required Boolean, both with a
 * {@code @default}; "retyped" turns text into an Int. Task v1 and v2 keep their columns' SQL
 * types, but v2 drops an enum value and makes text a date. Score's points take any type, stored
 * one way or another.
 */
final class NoteVersions {
    private NoteVersions() {}

    private static ModelOperations operations(String name) {
        return new ModelOperations("get" + name, "list" + name + "s", "sync" + name + "s", "create" + name,
                "update" + name, "delete" + name, "onCreate" + name, "onUpdate" + name, "onDelete" + name);
    }

    record NoteV1(String id, String text) implements Model {
        static final StringField<NoteV1> ID = ModelField.ofString("id", FieldType.ID, NoteV1::id, FieldFlag.REQUIRED);
        static final StringField<NoteV1> TEXT = ModelField.ofString("text", FieldType.STRING, NoteV1::text);
        static final ModelSchema<NoteV1> SCHEMA = ModelSchema.builder(NoteV1.class, "Note", "Notes")
                .fields(ID, TEXT).primaryKey(ID).operations(operations("Note"))
                .factory(v -> new NoteV1(v.get(ID), v.get(TEXT))).build();
    }

    record NoteV2(String id, String text, String color) implements Model {
        static final StringField<NoteV2> ID = ModelField.ofString("id", FieldType.ID, NoteV2::id, FieldFlag.REQUIRED);
        static final StringField<NoteV2> TEXT = ModelField.ofString("text", FieldType.STRING, NoteV2::text);
        static final StringField<NoteV2> COLOR = ModelField.ofString("color", FieldType.STRING, NoteV2::color);
        static final ModelSchema<NoteV2> SCHEMA = ModelSchema.builder(NoteV2.class, "Note", "Notes")
                .fields(ID, TEXT, COLOR).primaryKey(ID).index(new IndexInfo("byText", List.of("text"), null))
                .operations(operations("Note")).factory(v -> new NoteV2(v.get(ID), v.get(TEXT), v.get(COLOR))).build();
    }

    record Tag(String id) implements Model {
        static final StringField<Tag> ID = ModelField.ofString("id", FieldType.ID, Tag::id, FieldFlag.REQUIRED);
        static final ModelSchema<Tag> SCHEMA = ModelSchema.builder(Tag.class, "Tag", "Tags")
                .fields(ID).primaryKey(ID).operations(operations("Tag")).factory(v -> new Tag(v.get(ID))).build();
    }

    record NoteV3(String id, String text, String color, String priority) implements Model {
        static final StringField<NoteV3> ID = ModelField.ofString("id", FieldType.ID, NoteV3::id, FieldFlag.REQUIRED);
        static final StringField<NoteV3> TEXT = ModelField.ofString("text", FieldType.STRING, NoteV3::text);
        static final StringField<NoteV3> COLOR = ModelField.ofString("color", FieldType.STRING, NoteV3::color);
        static final StringField<NoteV3> PRIORITY =
                ModelField.ofString("priority", FieldType.STRING, NoteV3::priority, FieldFlag.REQUIRED);
        static final ModelSchema<NoteV3> SCHEMA = ModelSchema.builder(NoteV3.class, "Note", "Notes")
                .fields(ID, TEXT, COLOR, PRIORITY).primaryKey(ID).index(new IndexInfo("byText", List.of("text"), null))
                .operations(operations("Note"))
                .factory(v -> new NoteV3(v.get(ID), v.get(TEXT), v.get(COLOR), v.get(PRIORITY))).build();
    }

    record NoteV4(String id, String text, String color, Boolean pinned) implements Model {
        static final StringField<NoteV4> ID = ModelField.ofString("id", FieldType.ID, NoteV4::id, FieldFlag.REQUIRED);
        static final StringField<NoteV4> TEXT = ModelField.ofString("text", FieldType.STRING, NoteV4::text);
        static final StringField<NoteV4> COLOR =
                ModelField.ofString("color", FieldType.STRING, NoteV4::color, FieldFlag.REQUIRED);
        static final EqualityField<NoteV4, Boolean> PINNED =
                ModelField.ofEquality("pinned", FieldType.BOOLEAN, NoteV4::pinned, FieldFlag.REQUIRED);
        static final ModelSchema<NoteV4> SCHEMA = ModelSchema.builder(NoteV4.class, "Note", "Notes")
                .fields(ID, TEXT, COLOR, PINNED).primaryKey(ID).defaultValue(COLOR, "yellow").defaultValue(PINNED, false)
                .index(new IndexInfo("byText", List.of("text"), null)).operations(operations("Note"))
                .factory(v -> new NoteV4(v.get(ID), v.get(TEXT), v.get(COLOR), v.get(PINNED))).build();
    }

    record NoteNumbered(String id, String text, Integer color) implements Model {
        static final StringField<NoteNumbered> ID =
                ModelField.ofString("id", FieldType.ID, NoteNumbered::id, FieldFlag.REQUIRED);
        static final StringField<NoteNumbered> TEXT = ModelField.ofString("text", FieldType.STRING, NoteNumbered::text);
        static final ComparableField<NoteNumbered, Integer> COLOR =
                ModelField.ofComparable("color", FieldType.INT, NoteNumbered::color);
        static final ModelSchema<NoteNumbered> SCHEMA = ModelSchema.builder(NoteNumbered.class, "Note", "Notes")
                .fields(ID, TEXT, COLOR).primaryKey(ID).operations(operations("Note"))
                .factory(v -> new NoteNumbered(v.get(ID), v.get(TEXT), v.get(COLOR))).build();
    }

    record NoteRetyped(String id, Integer text) implements Model {
        static final StringField<NoteRetyped> ID =
                ModelField.ofString("id", FieldType.ID, NoteRetyped::id, FieldFlag.REQUIRED);
        static final ModelField<NoteRetyped, Integer> TEXT = ModelField.ofComparable("text", FieldType.INT, NoteRetyped::text);
        static final ModelSchema<NoteRetyped> SCHEMA = ModelSchema.builder(NoteRetyped.class, "Note", "Notes")
                .fields(ID, TEXT).primaryKey(ID).operations(operations("Note"))
                .factory(v -> new NoteRetyped(v.get(ID), v.get(TEXT))).build();
    }

    /** The golden {@code defaults} schema's Setting before it had any field but its key. */
    record SettingV0(String id) implements Model {
        static final StringField<SettingV0> ID = ModelField.ofString("id", FieldType.ID, SettingV0::id, FieldFlag.REQUIRED);
        static final ModelSchema<SettingV0> SCHEMA = ModelSchema.builder(SettingV0.class, "Setting", "Settings")
                .fields(ID).primaryKey(ID).operations(operations("Setting")).factory(v -> new SettingV0(v.get(ID))).build();
    }

    enum LevelV1 { LOW, MEDIUM, HIGH }

    enum LevelV2 { LOW, HIGH }

    record TaskV1(String id, LevelV1 level, String due) implements Model {
        static final StringField<TaskV1> ID = ModelField.ofString("id", FieldType.ID, TaskV1::id, FieldFlag.REQUIRED);
        static final EqualityField<TaskV1, LevelV1> LEVEL =
                ModelField.ofEquality("level", FieldType.ofEnum("Level", LevelV1.class, LevelV1.values()), TaskV1::level);
        static final StringField<TaskV1> DUE = ModelField.ofString("due", FieldType.STRING, TaskV1::due);
        static final ModelSchema<TaskV1> SCHEMA = ModelSchema.builder(TaskV1.class, "Task", "Tasks")
                .fields(ID, LEVEL, DUE).primaryKey(ID).operations(operations("Task"))
                .factory(v -> new TaskV1(v.get(ID), v.get(LEVEL), v.get(DUE))).build();
    }

    record TaskV2(String id, LevelV2 level, LocalDate due) implements Model {
        static final StringField<TaskV2> ID = ModelField.ofString("id", FieldType.ID, TaskV2::id, FieldFlag.REQUIRED);
        static final EqualityField<TaskV2, LevelV2> LEVEL =
                ModelField.ofEquality("level", FieldType.ofEnum("Level", LevelV2.class, LevelV2.values()), TaskV2::level);
        static final ComparableField<TaskV2, LocalDate> DUE = ModelField.ofComparable("due", FieldType.AWS_DATE, TaskV2::due);
        static final ModelSchema<TaskV2> SCHEMA = ModelSchema.builder(TaskV2.class, "Task", "Tasks")
                .fields(ID, LEVEL, DUE).primaryKey(ID).operations(operations("Task"))
                .factory(v -> new TaskV2(v.get(ID), v.get(LEVEL), v.get(DUE))).build();
    }

    /** A Score whose indexed {@code points} (and, in {@link #keyedBy}, its key) have whatever type a version gives them. */
    record Score(Object id, Object points, String note) implements Model {
        /** A version of Score with {@code points} of type {@code points}. */
        static ModelRegistry withPoints(FieldType<?> points) {
            return registry(FieldType.ID, points);
        }

        /** A version of Score without points (nor its index). */
        static final ModelRegistry WITHOUT_POINTS;

        static {
            StringField<Score> id = ModelField.ofString("id", FieldType.ID, r -> (String) r.id(), FieldFlag.REQUIRED);
            StringField<Score> note = ModelField.ofString("note", FieldType.STRING, Score::note);
            WITHOUT_POINTS = ModelRegistry.of("scores-without-points", List.of(ModelSchema.builder(Score.class, "Score",
                    "Scores").fields(id, note).primaryKey(id).operations(operations("Score"))
                    .factory(v -> new Score(v.get(id), null, v.get(note))).build()));
        }

        /** A version of Score whose key is of type {@code id}. */
        static ModelRegistry keyedBy(FieldType<?> id) {
            return registry(id, FieldType.INT);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static ModelRegistry registry(FieldType<?> idType, FieldType<?> pointsType) {
            EqualityField<Score, Object> id =
                    ModelField.ofEquality("id", (FieldType<Object>) (FieldType) idType, Score::id, FieldFlag.REQUIRED);
            EqualityField<Score, Object> points =
                    ModelField.ofEquality("points", (FieldType<Object>) (FieldType) pointsType, Score::points);
            StringField<Score> note = ModelField.ofString("note", FieldType.STRING, Score::note);
            ModelSchema<Score> schema = ModelSchema.builder(Score.class, "Score", "Scores").fields(id, points, note)
                    .primaryKey(id).index(new IndexInfo("byPoints", List.of("points"), null)).operations(operations("Score"))
                    .factory(v -> new Score(v.get(id), v.get(points), v.get(note))).build();
            return ModelRegistry.of("scores-" + idType.graphQlName() + "-" + pointsType.graphQlName(), List.of(schema));
        }

        /** The points field of {@code registry}'s Score, for predicates. */
        @SuppressWarnings("unchecked")
        static EqualityField<Score, Object> points(ModelRegistry registry) {
            return (EqualityField<Score, Object>) registry.models().get(0).field("points");
        }
    }

    static final ModelRegistry V1 = ModelRegistry.of("v1", List.of(NoteV1.SCHEMA));
    static final ModelRegistry V2 = ModelRegistry.of("v2", List.of(NoteV2.SCHEMA, Tag.SCHEMA));
    static final ModelRegistry V3 = ModelRegistry.of("v3", List.of(NoteV3.SCHEMA, Tag.SCHEMA));
    static final ModelRegistry V4 = ModelRegistry.of("v4", List.of(NoteV4.SCHEMA, Tag.SCHEMA));
    static final ModelRegistry SETTINGS_V0 = ModelRegistry.of("settings-v0", List.of(SettingV0.SCHEMA));
    static final ModelRegistry TASKS_V1 = ModelRegistry.of("tasks-v1", List.of(TaskV1.SCHEMA));
    static final ModelRegistry TASKS_V2 = ModelRegistry.of("tasks-v2", List.of(TaskV2.SCHEMA));
    static final ModelRegistry NUMBERED = ModelRegistry.of("numbered", List.of(NoteNumbered.SCHEMA));
    static final ModelRegistry RETYPED = ModelRegistry.of("retyped", List.of(NoteRetyped.SCHEMA));
}
