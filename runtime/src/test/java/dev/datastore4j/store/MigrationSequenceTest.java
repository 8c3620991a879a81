package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * One database opened by a random sequence of schema versions, each adding and removing fields,
 * narrowing or widening an enum, turning a text field into a date and back, making a field
 * with a @default required or optional, and making a field an Int, a Float or a String, with
 * records written between openings and their mutations sent or left pending. Every opening either
 * keeps every value a field of the new version held (values of a removed field come back with
 * it), with pending mutations naming only the new version's fields, or is refused exactly when a
 * stored value does not fit the new version, leaving the database as it was for the version before.
 * Some refusals are followed by an opening that sets the database aside: the copy opens with the
 * version before and holds all it held, pending mutations included, and the store starts empty.
 */
class MigrationSequenceTest {
    enum Level { A, B, C }

    /** A record of any version: field name to value. */
    record Row(Map<String, Object> values) implements Model {}

    /**
     * One version of the schema: which fields it has, the enum values it keeps, whether x is a
     * date, and whether s is required (with its @default, {@value #S_DEFAULT}).
     */
    record Version(List<String> fields, List<Level> levels, boolean xIsDate, boolean sRequired, FieldType<?> nType) {
        ModelRegistry registry() {
            List<ModelField<Row, ?>> all = new ArrayList<>();
            all.add(ModelField.ofString("id", FieldType.ID, r -> (String) r.values().get("id"), FieldFlag.REQUIRED));
            for (String name : fields) {
                all.add(switch (name) {
                    case "s" -> sRequired
                            ? ModelField.ofString("s", FieldType.STRING, r -> (String) r.values().get("s"), FieldFlag.REQUIRED)
                            : ModelField.ofString("s", FieldType.STRING, r -> (String) r.values().get("s"));
                    case "i" -> ModelField.ofComparable("i", FieldType.INT, r -> (Integer) r.values().get("i"));
                    case "d" -> ModelField.ofComparable("d", FieldType.AWS_DATE, r -> (LocalDate) r.values().get("d"));
                    case "e" -> ModelField.ofEquality("e", FieldType.ofEnum("Level", Level.class, levels.toArray(Level[]::new)),
                            r -> (Level) r.values().get("e"));
                    case "x" -> xIsDate ? ModelField.ofComparable("x", FieldType.AWS_DATE, r -> (LocalDate) r.values().get("x"))
                            : ModelField.ofString("x", FieldType.STRING, r -> (String) r.values().get("x"));
                    case "n" -> ModelField.ofEquality("n", anyType(nType), r -> r.values().get("n"));
                    default -> throw new IllegalArgumentException(name);
                });
            }
            @SuppressWarnings("unchecked")
            ModelField<Row, ?>[] array = all.toArray(ModelField[]::new);
            ModelSchema.Builder<Row> builder = ModelSchema.builder(Row.class, "Row", "Rows").fields(array).primaryKey(array[0]);
            all.stream().filter(f -> f.name().equals("s") && f.isRequired()).findFirst()
                    .ifPresent(f -> builder.defaultValue(stringField(f), S_DEFAULT));
            ModelSchema<Row> schema = builder
                    .operations(new ModelOperations("getRow", "listRows", "syncRows", "createRow", "updateRow",
                            "deleteRow", "onCreateRow", "onUpdateRow", "onDeleteRow"))
                    .factory(v -> {
                        Map<String, Object> values = new HashMap<>();
                        all.forEach(field -> values.put(field.name(), v.get(field)));
                        return new Row(values);
                    })
                    .build();
            return ModelRegistry.of(toString(), List.of(schema));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static FieldType<Object> anyType(FieldType<?> type) {
            return (FieldType<Object>) (FieldType) type;
        }

        @SuppressWarnings("unchecked")
        private static ModelField<Row, String> stringField(ModelField<Row, ?> field) {
            return (ModelField<Row, String>) field;
        }

        /** Whether {@code stored} (in its stored form: text, a number) is a value this version's field {@code name} takes. */
        boolean takes(String name, Object stored) {
            if (stored == null) {
                return true;
            }
            if (name.equals("e")) {
                return levels.contains(Level.valueOf((String) stored));
            }
            if (name.equals("n")) {
                return converted(stored) != null;
            }
            if (name.equals("x") && xIsDate) {
                try {
                    LocalDate.parse((String) stored);
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
            return true;
        }
        /**
         * What the stored value {@code stored} of n (an Integer, a Double or a String) becomes as
         * this version's n, or null when it cannot be converted: an Int becomes a Float, and an
         * Int or a Float a String, as the sync server takes them.
         */
        Object converted(Object stored) {
            if (nType == FieldType.STRING) {
                return String.valueOf(stored);
            }
            if (nType == FieldType.FLOAT && !(stored instanceof String)) {
                return ((Number) stored).doubleValue();
            }
            return nType == FieldType.INT && stored instanceof Integer ? stored : null;
        }
    }

    private static final List<String> FIELDS = List.of("s", "i", "d", "e", "x", "n");
    private static final List<FieldType<?>> N_TYPES = List.of(FieldType.INT, FieldType.FLOAT, FieldType.STRING);
    private static final String S_DEFAULT = "unset";

    @TempDir
    Path temp;

    @RepeatedTest(12)
    void everyOpeningKeepsEveryValueOrIsRefusedForOneThatDoesNotFit(RepetitionInfo repetition) {
        long seed = Seeds.seed("MigrationSequenceTest", "datastore4j.migrationSeed", repetition);
        Random random = new Random(seed);
        Path file = temp.resolve("rows-" + repetition.getCurrentRepetition() + ".db");
        // every value each record holds, in stored form, removed fields' too: they come back with their fields
        Map<String, Map<String, Object>> stored = new TreeMap<>();
        Version current = null;
        int opened = 0;
        int refused = 0;
        int setAside = 0;
        for (int step = 0; step < 10; step++) {
            Version next = randomVersion(random, current);
            boolean fits = stored.values().stream().allMatch(
                    row -> next.fields().stream().allMatch(name -> next.takes(name, row.get(name))));
            if (!fits) {
                assertThatThrownBy(() -> DataStore.open(next.registry(), file))
                        .as("seed %d, step %d: %s over %s", seed, step, next, stored)
                        .isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("changed type");
                refused++;
                if (random.nextInt(3) == 0) { // the app starts over, the old database set aside
                    setAside(file, current, next, stored, seed, step);
                    setAside++;
                    stored.clear();
                    current = next;
                    continue;
                }
                try (DataStore before = DataStore.open(current.registry(), file)) {
                    assertHolds(before, current, stored, seed, step);
                }
                continue;
            }
            if (next.sRequired() && next.fields().contains("s")) { // the store gives it to records lacking it
                stored.values().forEach(row -> row.compute("s", (name, value) -> value == null ? S_DEFAULT : value));
            }
            if (next.fields().contains("n")) { // its values are converted when its type changes, also when it comes back
                stored.values().forEach(row -> row.computeIfPresent("n", (name, value) -> next.converted(value)));
            }
            try (DataStore store = DataStore.open(next.registry(), file)) {
                assertHolds(store, next, stored, seed, step);
                assertPendingHold(file, next, stored, seed, step);
                write(store, next, stored, random);
                if (random.nextBoolean()) {
                    DataStoreTest.drainOutbox(store); // as a sync engine would
                }
            }
            current = next;
            opened++;
        }
        System.out.println("MigrationSequenceTest: " + opened + " versions opened, " + refused + " refused, "
                + setAside + " of them then set aside");
    }

    /** Opens {@code file} with {@code next}, setting it aside: the copy holds all it held, the store nothing. */
    private static void setAside(Path file, Version current, Version next, Map<String, Map<String, Object>> stored,
            long seed, int step) {
        List<PendingMutation> pending = new ArrayList<>();
        DataStore.readPendingMutations(file, pending::add);
        Path copy;
        try (DataStore fresh = DataStore.open(next.registry(), file, DataStore.Options.setAsideIfIncompatible())) {
            copy = fresh.setAside().orElseThrow();
            assertThat(fresh.query(Row.class)).as("seed %d, step %d", seed, step).isEmpty();
            assertThat(fresh.outbox().size()).as("seed %d, step %d", seed, step).isZero();
        }
        List<PendingMutation> kept = new ArrayList<>();
        DataStore.readPendingMutations(copy, kept::add);
        assertThat(kept).as("seed %d, step %d", seed, step).isEqualTo(pending);
        try (DataStore old = DataStore.open(current.registry(), copy)) {
            assertHolds(old, current, stored, seed, step);
        }
    }

    /** A version at random; n keeps {@code current}'s type half of the time (once a String, it stays one). */
    private static Version randomVersion(Random random, Version current) {
        List<String> fields = new ArrayList<>(FIELDS.stream().filter(f -> random.nextInt(3) > 0).toList());
        List<Level> levels = new ArrayList<>(Arrays.stream(Level.values()).filter(l -> random.nextInt(4) > 0).toList());
        if (levels.isEmpty()) {
            levels.add(Level.A);
        }
        return new Version(fields, levels, random.nextBoolean(), random.nextBoolean(),
                current != null && random.nextBoolean() ? current.nType() : N_TYPES.get(random.nextInt(N_TYPES.size())));
    }

    /** Every record, with each of {@code version}'s fields holding the value it was last given. */
    private static void assertHolds(DataStore store, Version version, Map<String, Map<String, Object>> stored, long seed,
            int step) {
        Map<String, Map<String, Object>> read = new TreeMap<>();
        for (Row row : store.query(Row.class)) {
            Map<String, Object> values = new LinkedHashMap<>();
            version.fields().forEach(name -> values.put(name, storedForm(row.values().get(name))));
            read.put((String) row.values().get("id"), values);
        }
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        stored.forEach((id, row) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            version.fields().forEach(name -> values.put(name, row.get(name)));
            expected.put(id, values);
        });
        assertThat(read).as("seed %d, step %d: %s", seed, step, version).isEqualTo(expected);
    }

    /**
     * Every pending mutation (a create or an update: nothing here is in flight) names only fields
     * of {@code version} (a removed field is left out of them), each with the value its record
     * holds: what the server of that version takes. A field is left out only where the record has
     * no value for it, or has s's @default, which the server gives too (one written before the
     * field existed); a removed field that comes back is put back with the value it kept.
     */
    private static void assertPendingHold(Path file, Version version, Map<String, Map<String, Object>> stored, long seed,
            int step) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rows = connection.createStatement().executeQuery("SELECT record_id, data FROM " + Outbox.TABLE)) {
            while (rows.next()) {
                String id = rows.getString(1);
                JsonNode data = Values.JSON.readTree(rows.getString(2));
                data.fieldNames().forEachRemaining(name -> assertThat(name)
                        .as("seed %d, step %d: %s, pending %s", seed, step, version, data).isIn(fieldsOf(version)));
                for (String name : version.fields()) {
                    JsonNode value = data.get(name);
                    if (value == null) {
                        assertThat(stored.get(id).get(name)).as("seed %d, step %d: %s left out of pending %s of %s",
                                seed, step, name, data, id).isIn(null, name.equals("s") ? S_DEFAULT : null);
                        continue;
                    }
                    Object held = value.isNull() ? null : value.isIntegralNumber() ? value.intValue()
                            : value.isNumber() ? value.doubleValue() : value.asText();
                    assertThat(held).as("seed %d, step %d: pending %s of %s", seed, step, data, id)
                            .isEqualTo(stored.get(id).get(name));
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fieldsOf(Version version) {
        List<String> names = new ArrayList<>(version.fields());
        names.add("id");
        return names;
    }

    private static Object storedForm(Object value) {
        return value instanceof LocalDate || value instanceof Level ? value.toString() : value;
    }

    /** Creates and changes a few records with values of {@code version}'s fields. */
    private static void write(DataStore store, Version version, Map<String, Map<String, Object>> stored, Random random) {
        for (int n = random.nextInt(4); n >= 0; n--) {
            boolean create = stored.isEmpty() || random.nextInt(3) == 0;
            String id = create ? "r" + stored.size() : new ArrayList<>(stored.keySet()).get(random.nextInt(stored.size()));
            Map<String, Object> row = stored.computeIfAbsent(id, k -> new HashMap<>());
            Map<String, Object> values = new HashMap<>();
            values.put("id", id);
            for (String name : version.fields()) {
                boolean required = name.equals("s") && version.sRequired();
                Object value = random.nextInt(4) == 0 && !required ? null : randomValue(name, version, random);
                values.put(name, value);
                row.put(name, storedForm(value)); // the version's fields only: a removed field keeps its value
            }
            store.save(new Row(values));
        }
    }

    private static Object randomValue(String name, Version version, Random random) {
        return switch (name) {
            case "s" -> "s" + random.nextInt(100);
            case "i" -> random.nextInt(1000) - 500;
            case "d" -> LocalDate.of(2020 + random.nextInt(5), 1 + random.nextInt(12), 1 + random.nextInt(28));
            case "e" -> version.levels().get(random.nextInt(version.levels().size()));
            case "n" -> version.nType() == FieldType.INT ? random.nextInt(100)
                    : version.nType() == FieldType.FLOAT ? random.nextInt(400) / 4.0 : "n" + random.nextInt(10);
            case "x" -> version.xIsDate() || random.nextBoolean()
                    ? (version.xIsDate() ? LocalDate.of(2024, 1, 1 + random.nextInt(28)) : "2024-02-0" + (1 + random.nextInt(9)))
                    : "word" + random.nextInt(10);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
