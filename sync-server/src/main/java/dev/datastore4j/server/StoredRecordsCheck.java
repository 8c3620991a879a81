package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes stored records fit the schema before the server serves them: hold every field it requires,
 * with values of the types it gives them. A schema that makes a field required (a new {@code
 * priority: Int! @default(value: "1")}, say) or drops an enum value would otherwise be served over
 * records written before, and every read or sync of such a record would fail ({@code
 * NullValueInNonNullableField}, and a client's sync with it).
 *
 * <p>At start, each model's required fields that no server has checked yet are looked for in its
 * records, tombstones included (syncs return those too). A record without one gets the field's
 * {@code @default}, or for {@code createdAt}/{@code updatedAt} the time it last changed, as a
 * write of its own: a new {@code _version} and {@code _lastChangedAt}, so that delta syncs carry
 * the value to clients. A field without either, missing from any record, keeps the server from
 * starting, with the model, the field, how many records lack it and one of their keys; nothing is
 * written then. So does a required field of a non-model type (which cannot have a default) that
 * an object stored in a record lacks ({@code Person.home.street}), in a list of them too, and a
 * field whose type (enum values and non-model types' fields included) stored values no longer fit
 * ({@link StoredTypes}). What was found held is remembered in the database, so a later start with
 * the same schema reads no records.
 */
final class StoredRecordsCheck {
    /** Records read at a time, or fewer once they come to a page's bytes ({@link DataService#PAGE_BYTES}), however large they are. */
    private static final int PAGE = 500;

    private StoredRecordsCheck() {}

    static void run(RecordStore store, Schema schema) {
        run(store, schema, StoredTypes.RULES);
    }

    /** As {@link #run(RecordStore, Schema)}, by the checking rules of version {@code rules} (a test's earlier version). */
    static void run(RecordStore store, Schema schema, int rules) {
        StoredTypes types = new StoredTypes(schema, rules);
        Map<String, Set<String>> checkedByModel = store.checkedFields();
        Map<String, Set<String>> changed = new LinkedHashMap<>();
        for (ModelDef model : schema.models()) {
            // what records of the model must hold: required fields (by name, or by path inside
            // non-model types), and each field's type (StoredTypes.checkedEntry)
            Set<String> holds = new TreeSet<>();
            List<FieldDef> unchecked = new ArrayList<>();
            Set<String> checked = checkedByModel.getOrDefault(model.name(), Set.of());
            List<FieldDef> retyped = new ArrayList<>();
            for (FieldDef field : model.valueFields()) {
                if (field.type().required() && !model.primaryKey().contains(field.name())) {
                    holds.add(field.name());
                    if (!checked.contains(field.name())) {
                        unchecked.add(field);
                    }
                }
                String type = types.checkedEntry(field);
                holds.add(type);
                if (!checked.contains(type)) {
                    retyped.add(field);
                }
            }
            List<String> uncheckedNested = new ArrayList<>();
            for (String path : nestedRequired(types, model)) {
                holds.add(path);
                if (!checked.contains(path)) {
                    uncheckedNested.add(path);
                }
            }
            List<FieldDef> lacking = unchecked.isEmpty() && uncheckedNested.isEmpty() && retyped.isEmpty() ? List.of()
                    : lacking(store, types, model, unchecked, uncheckedNested, retyped);
            if (!lacking.isEmpty()) {
                int filled = fill(store, model, lacking);
                System.getLogger(StoredRecordsCheck.class.getName()).log(System.Logger.Level.WARNING, "filled in "
                        + lacking.stream().map(FieldDef::name).toList() + " where " + filled + " stored " + model.name()
                        + " records lacked them, as the schema now requires them");
            }
            if (!holds.equals(checked)) {
                // a field no longer required (or a type no longer the field's) is forgotten: records
                // written meanwhile may lack it, so it is checked again should it come back
                changed.put(model.name(), holds);
            }
        }
        if (!changed.isEmpty()) {
            store.fieldsChecked(changed); // one commit, not one per model (a first start of 500 models)
        }
    }

    /**
     * The required fields of the non-model types a model's fields hold, as paths from the model:
     * {@code address.country}, or {@code lines.sku} for each object of a list. Such a field has no
     * {@code @default}, so a record lacking one keeps the server from starting.
     */
    private static List<String> nestedRequired(StoredTypes types, ModelDef model) {
        List<String> paths = new ArrayList<>();
        for (FieldDef field : model.valueFields()) {
            nestedRequired(types, field, field.name(), new LinkedHashSet<>(), paths);
        }
        return paths;
    }

    private static void nestedRequired(StoredTypes types, FieldDef field, String path, Set<String> typesOnPath,
            List<String> paths) {
        if (field.type().kind() != TypeRef.Kind.EMBEDDED || !typesOnPath.add(field.type().name())) {
            return; // not an object, or one holding itself (a tree of them ends where the data does)
        }
        for (FieldDef inner : types.embedded(field.type()).fields()) {
            String innerPath = path + "." + inner.name();
            if (inner.type().required()) {
                paths.add(innerPath);
            }
            nestedRequired(types, inner, innerPath, typesOnPath, paths);
        }
        typesOnPath.remove(field.type().name());
    }

    /**
     * Whether the object or list of objects {@code value} lacks the field at {@code path}, from
     * its part {@code at} on; an object that is not there lacks nothing.
     */
    private static boolean lacks(JsonNode value, String[] path, int at) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (lacks(element, path, at)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode inner = value.get(path[at]);
        return at == path.length - 1 ? inner == null || inner.isNull() : lacks(inner, path, at + 1);
    }

    /**
     * The fields of {@code fields} that some stored record lacks, each of which has a value to fill
     * in; throws when a record lacks one that has none, or one of the {@code nested} fields, or
     * holds a value that does not fit the type of one of the {@code retyped} fields.
     */
    private static List<FieldDef> lacking(RecordStore store, StoredTypes types, ModelDef model, List<FieldDef> fields,
            List<String> nested, List<FieldDef> retyped) {
        Map<String, String[]> nestedPaths = new LinkedHashMap<>();
        nested.forEach(path -> nestedPaths.put(path, path.split("\\.")));
        Map<String, Integer> missing = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        Map<String, Integer> misfits = new LinkedHashMap<>();
        Map<String, String> misfitExample = new LinkedHashMap<>();
        Set<FieldDef> lacking = new LinkedHashSet<>();
        String after = null;
        for (List<StoredRecord> page; !(page = store.scan(model.name(), after, PAGE, DataService.PAGE_BYTES).records()).isEmpty(); ) {
            for (StoredRecord record : page) {
                for (FieldDef field : fields) {
                    if (!record.data().hasNonNull(field.name())) {
                        lacking.add(field);
                        if (fillValue(model, field, record) == null) {
                            missing.merge(field.name(), 1, Integer::sum);
                            example.putIfAbsent(field.name(), record.key());
                        }
                    }
                }
                nestedPaths.forEach((path, parts) -> {
                    if (lacks(record.data(), parts, 0)) {
                        missing.merge(path, 1, Integer::sum);
                        example.putIfAbsent(path, record.key());
                    }
                });
                for (FieldDef field : retyped) {
                    String misfit = types.misfit(field.type(), record.data().get(field.name()));
                    if (misfit != null) {
                        misfits.merge(field.name(), 1, Integer::sum);
                        misfitExample.putIfAbsent(field.name(), record.key() + ": " + misfit);
                    }
                }
            }
            after = page.get(page.size() - 1).key();
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            List<String> lack = new ArrayList<>();
            missing.forEach((field, count) -> lack.add(model.name() + "." + field + " is required, but " + count
                    + (count == 1 ? " stored record lacks" : " stored records lack") + " it (such as "
                    + example.get(field) + ")"));
            problems.add(String.join("; ", lack) + ": give such a field a @default, which the server then fills in"
                    + " (a model's own fields can have one), or make it optional");
        }
        if (!misfits.isEmpty()) {
            List<String> misfit = new ArrayList<>();
            misfits.forEach((field, count) -> misfit.add(model.name() + "." + field + " is of a type that values of "
                    + count + (count == 1 ? " stored record do" : " stored records do") + " not fit (such as "
                    + misfitExample.get(field) + ")"));
            problems.add(String.join("; ", misfit) + ": change those records, or keep the type they were written with");
        }
        if (!problems.isEmpty()) {
            throw new ServerStartException(String.join("; ", problems), null);
        }
        return List.copyOf(lacking);
    }

    /** Fills in {@code fields} where records lack them; returns how many records that wrote. */
    private static int fill(RecordStore store, ModelDef model, List<FieldDef> fields) {
        int filled = 0;
        String after = null;
        for (List<StoredRecord> page; !(page = store.scan(model.name(), after, PAGE, DataService.PAGE_BYTES).records()).isEmpty(); ) {
            after = page.get(page.size() - 1).key();
            List<String> keys = page.stream().filter(record -> lacksAny(record, fields)).map(StoredRecord::key).toList();
            if (keys.isEmpty()) {
                continue;
            }
            filled += store.write(writer -> {
                int written = 0;
                for (String key : keys) {
                    // read again inside the write: a server sharing the database may have changed it
                    StoredRecord record = writer.get(model.name(), key).orElse(null);
                    if (record == null) {
                        continue;
                    }
                    ObjectNode data = record.data().deepCopy();
                    for (FieldDef field : fields) {
                        JsonNode value = data.hasNonNull(field.name()) ? null : fillValue(model, field, record);
                        if (value != null) {
                            data.set(field.name(), value);
                        }
                    }
                    if (!data.equals(record.data())) {
                        writer.put(new StoredRecord(model.name(), key, data, record.version() + 1, record.deleted(), 0),
                                record.deleted() ? Changes.Kind.DELETE : Changes.Kind.UPDATE);
                        written++;
                    }
                }
                return written;
            });
        }
        return filled;
    }

    private static boolean lacksAny(StoredRecord record, List<FieldDef> fields) {
        return fields.stream().anyMatch(field -> !record.data().hasNonNull(field.name()));
    }

    /** What a record without {@code field} gets: its default, or the time it last changed for a timestamp; null when nothing. */
    private static JsonNode fillValue(ModelDef model, FieldDef field, StoredRecord record) {
        if (field.defaultValue() != null) {
            return DataService.defaultValue(field);
        }
        if (model.isTimestamp(field.name())) {
            return ProtocolJson.JSON.getNodeFactory().textNode(DataService.timestamp(record.lastChangedAt()));
        }
        return null;
    }
}
