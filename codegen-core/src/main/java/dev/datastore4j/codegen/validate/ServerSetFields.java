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
                    boolean owner = rule.allow().equals("owner");
                    String name = owner ? rule.ownerField() : rule.groupsField();
                    if (name == null || !checked.add(name)) {
                        return;
                    }
                    String what = draft.name + "." + name;
                    String role = owner ? "an owner rule's ownerField, which holds the names of its owners"
                            : "a groups rule's groupsField, which holds the names of the groups that may reach it";
                    Optional<FieldDef> field = draft.field(name);
                    if (timestamps.containsKey(name)) {
                        diagnostics.add(Problems.invalidAuthRule(at(draft, name), what + " is both " + role + ", and the "
                                + timestamps.get(name) + " timestamp, which the server sets to the time of a write",
                                "name different fields for the two"));
                    } else if (field.isPresent() && !NAME_TYPES.contains(field.get().type().name())) {
                        diagnostics.add(Problems.invalidAuthRule(at(draft, name), what + " is " + role + "; it cannot be "
                                + field.get().type(), "declare it String, or [String] to hold several"));
                    } else if (field.isPresent() && field.get().defaultValue() != null && owner
                            && draft.authRules.contains(rule)) {
                        // filled in before the server fills in the creator: a record created without an owner
                        // would be the default's, and refused to its creator
                        diagnostics.add(Problems.invalidDefault(at(draft, name), what, "cannot be used on an owner"
                                + " rule's ownerField, which the server fills with the creating user's name"));
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
