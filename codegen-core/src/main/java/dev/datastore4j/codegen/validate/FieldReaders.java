package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.AuthRuleDef;
import dev.datastore4j.codegen.schema.FieldDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every caller who may read a model's records may read each of its required fields. A
 * caller may read the records when the model's rules let them, or a field's own rules (which then
 * let them read that field alone, as in AppSync's access matrix); a field is read by its own rules
 * or, without them, by the model's. A field hidden from a caller reaches them as null, and a
 * required field cannot be null: each record holding it would come to them as an error (a sync
 * page of nulls, which DataStore cannot store). Amplify's transformer refuses such a schema too
 * ("you need to add rules to all of the model's required fields with at least read permissions").
 */
final class FieldReaders {
    private static final Set<String> USER_PROVIDERS = Set.of("userPools", "oidc");

    /** Who reads a model without rules: every caller, with an API key or a user's token. */
    private static final List<AuthRuleDef> OPEN = List.of(
            new AuthRuleDef("public", "apiKey", null, null, null, List.of(), null, List.of("read")),
            new AuthRuleDef("private", "userPools", null, null, null, List.of(), null, List.of("read")));

    private FieldReaders() {}

    static void check(ModelDraft draft, Diagnostics diagnostics) {
        List<AuthRuleDef> modelRules = draft.authRules.isEmpty() ? OPEN : draft.authRules;
        Map<String, String> recordReaders = readers(modelRules);
        draft.fields.forEach(field -> readers(field.authRules()).forEach(recordReaders::putIfAbsent));
        for (FieldDef field : draft.fields) {
            if (!field.type().required()) {
                continue;
            }
            boolean ownRules = !field.authRules().isEmpty();
            List<AuthRuleDef> rules = ownRules ? field.authRules() : modelRules;
            Map<String, String> fieldReaders = readers(rules);
            boolean anyUser = rules.stream().anyMatch(rule -> rule.allow().equals("private")
                    && USER_PROVIDERS.contains(rule.provider()) && rule.readsRecords());
            List<String> hiddenFrom = recordReaders.entrySet().stream()
                    .filter(reader -> !fieldReaders.containsKey(reader.getKey()) && !(anyUser && isUser(reader.getKey())))
                    .map(Map.Entry::getValue).toList();
            if (!hiddenFrom.isEmpty()) {
                String hint = draft.primaryKey.contains(field.name()) ? "let them read it in its rules: a key field is required"
                        : "make it optional (" + field.type().withRequired(false) + "), or let them read it in its rules";
                String hiding = ownRules ? "its own @auth rules hide it from "
                        : "without @auth rules of its own it is read as " + draft.name + "'s rules say, which hide it from ";
                diagnostics.add(Problems.invalidAuthRule(draft.positionOf(field.name()), draft.name + "." + field.name()
                        + " is required (" + field.type() + "), but " + hiding + Problems.allOf(hiddenFrom) + ", who may"
                        + " read " + draft.name + " records: they would receive null where the API promises a value, so every "
                        + draft.name + " they read would fail", hint));
            }
        }
    }

    /** The callers that {@code rules} let read, each by a key that tells them apart, with words for them. */
    private static Map<String, String> readers(List<AuthRuleDef> rules) {
        Map<String, String> readers = new LinkedHashMap<>();
        for (AuthRuleDef rule : rules) {
            if (!rule.readsRecords()) {
                continue;
            }
            String provider = rule.provider();
            switch (rule.allow()) {
                case "owner" -> readers.put("user owner " + provider + " " + rule.ownerField() + " " + rule.identityClaim(),
                        "the owners named in " + rule.ownerField());
                case "groups" -> {
                    if (rule.groupsField() != null) {
                        readers.put("user groupsField " + provider + " " + rule.groupClaim() + " " + rule.groupsField(),
                                "the groups named in " + rule.groupsField());
                    }
                    rule.groups().forEach(group -> readers.put("user group " + provider + " " + rule.groupClaim() + " "
                            + group, "group " + group));
                }
                case "private" -> readers.put((USER_PROVIDERS.contains(provider) ? "user " : "") + "private " + provider,
                        provider.equals("userPools") ? "signed-in users" : "signed-in users (" + provider + ")");
                case "public" -> readers.put("public " + provider,
                        provider.equals("apiKey") ? "callers with an API key" : "public callers (" + provider + ")");
                default -> readers.put(rule.allow() + " " + provider, rule.allow() + " (" + provider + ") callers");
            }
        }
        return readers;
    }

    /** Whether the caller a key names signs in with a user pool or OIDC token, as any {@code private} rule lets read. */
    private static boolean isUser(String readerKey) {
        return readerKey.startsWith("user ");
    }
}
