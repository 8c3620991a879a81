package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.FieldDef;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks the fields a server writes values of its own into: the timestamps (the time of a write,
 * an AWSDateTime) and the fields of owner and group rules (users' and groups' names). A schema
 * may declare them, with a type of its choosing; one that cannot hold what the server writes
 * would make every record written unreadable (an AWSDateTime in an {@code AWSDate}, a name in an
 * {@code Int}), and a field that is both a timestamp and an owner field would have its owner
 * overwritten by the time of each update.
 */
final class ServerSetFields {
    /** Types a timestamp can be declared with: Amplify schemas often keep them as plain strings. */
    private static final Set<String> TIMESTAMP_TYPES = Set.of("AWSDateTime", "String");
    private static final Set<String> NAME_TYPES = Set.of("String", "ID");

    private ServerSetFields() {}

    static void check(ModelDraft draft, Diagnostics diagnostics) {
        Map<String, String> timestamps = timestamps(draft, diagnostics);
        Set<String> checked = new HashSet<>();
        Stream.concat(draft.authRules.stream(), draft.fields.stream().flatMap(field -> field.authRules().stream()))
                .forEach(rule -> {
                    String name = rule.allow().equals("owner") ? rule.ownerField() : rule.groupsField();
                    if (name == null || !checked.add(name)) {
                        return;
                    }
                    String role = rule.allow().equals("owner") ? "an owner rule's ownerField, which the server fills"
                            + " with the creating user's name" : "a groups rule's groupsField, the names of the groups"
                            + " that may reach each record";
                    if (timestamps.containsKey(name)) {
                        diagnostics.add(Problems.invalidAuthRule(at(draft, name), draft.name + "." + name + " is both "
                                + role + ", and the " + timestamps.get(name) + " timestamp, which the server sets to"
                                + " the time of a write", "name different fields for the two"));
                        return;
                    }
                    Optional<FieldDef> field = draft.field(name);
                    if (field.isPresent() && !NAME_TYPES.contains(field.get().type().name())) {
                        diagnostics.add(Problems.invalidAuthRule(at(draft, name), draft.name + "." + name + " is " + role
                                + "; it cannot be " + field.get().type(), "declare it String, or [String] to hold"
                                + " several"));
                    } else if (field.isPresent() && field.get().defaultValue() != null && rule.allow().equals("owner")) {
                        // filled in before the server looks for an owner: a record created without one would
                        // belong to the default's name, and its creator would be refused it
                        diagnostics.add(Problems.invalidDefault(at(draft, name), draft.name + "." + name,
                                "cannot be used on " + role));
                    }
                });
    }

    /** The model's timestamp fields, by the option naming each, once their declarations are checked. */
    private static Map<String, String> timestamps(ModelDraft draft, Diagnostics diagnostics) {
        Map<String, String> timestamps = new LinkedHashMap<>();
        if (draft.createdAtField != null) {
            timestamps.put(draft.createdAtField, "createdAt");
        }
        if (draft.updatedAtField != null && timestamps.putIfAbsent(draft.updatedAtField, "updatedAt") != null) {
            diagnostics.add(Problems.invalidTimestamp(at(draft, null), "@model(timestamps: ...) of " + draft.name
                    + " names " + draft.updatedAtField + " for both createdAt and updatedAt",
                    "name a field for each, or turn createdAt off with createdAt: null"));
        }
        timestamps.forEach((name, timestamp) -> draft.field(name).ifPresent(field -> {
            String what = draft.name + "." + name;
            if (field.type().list() || !TIMESTAMP_TYPES.contains(field.type().name())) {
                diagnostics.add(Problems.invalidTimestamp(at(draft, name), what + " is the " + timestamp + " timestamp of "
                        + draft.name + ", which the server sets to the time of a write (an AWSDateTime); it cannot be "
                        + field.type(), "declare it AWSDateTime, or name another field with @model(timestamps: {"
                        + timestamp + ": \"...\"})"));
            } else if (field.defaultValue() != null) {
                diagnostics.add(Problems.invalidDefault(at(draft, name), what, "cannot be used on the " + timestamp
                        + " timestamp, which the server sets to the time of a write"));
            }
        }));
        return timestamps;
    }

    /** The field's declaration, or where the timestamps are named, or the model. */
    private static Position at(ModelDraft draft, String field) {
        if (field != null && draft.fieldPositions.containsKey(field)) {
            return draft.fieldPositions.get(field);
        }
        return draft.timestampsPosition != null ? draft.timestampsPosition : draft.position;
    }
}
