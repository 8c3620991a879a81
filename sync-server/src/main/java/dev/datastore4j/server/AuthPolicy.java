package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.AuthRuleDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code @auth} rules of a model, applied to one caller, one operation and one record: any
 * rule that allows is enough. API keys pass {@code public} rules with the {@code apiKey}
 * provider; users pass {@code private}, {@code owner} (the record's owner field names them) and
 * {@code groups} rules (static groups, or a groups field on the record). A model without rules is
 * open to every authenticated caller; a server without auth lets everything through.
 */
final class AuthPolicy {
    /**
     * What a caller does to a record, by the names rules give operations. {@code read} in a rule
     * stands for all of {@code get}, {@code list}, {@code sync} and {@code listen} (and
     * {@code search}, which this server does not serve); a rule naming some of them allows those
     * alone. {@link #READ} is any of them: reading a field of a record read one way or another, or
     * a related record through a relationship field, as AppSync's relational resolvers allow it.
     */
    enum Operation {
        CREATE("create"),
        READ("read"),
        GET("get"),
        LIST("list"),
        SYNC("sync"),
        LISTEN("listen"),
        UPDATE("update"),
        DELETE("delete");

        /** The operations of a model a server's start-up warning speaks of. */
        static final List<Operation> MODEL_OPERATIONS = List.of(CREATE, READ, UPDATE, DELETE);

        final String schemaName;

        Operation(String schemaName) {
            this.schemaName = schemaName;
        }

        private boolean namedBy(AuthRuleDef rule) {
            return this == READ ? rule.readsRecords() : rule.allows(schemaName);
        }
    }

    private AuthPolicy() {}

    static boolean allows(ModelDef model, Identity identity, Operation operation, JsonNode record) {
        return allows(model.authRules(), identity, operation, record);
    }

    /**
     * Whether {@code identity} may {@code operation} {@code record} at all, as AppSync's access
     * matrix has it: by the model's rules, or by a field's own rules, which then reach that field
     * alone ({@link #redact} hides the others, {@link #checkFieldWrites} refuses writes to them).
     * A signed-in user whom a field rule lets update {@code votes} updates votes, and nothing else.
     */
    static boolean reaches(ModelDef model, Identity identity, Operation operation, JsonNode record) {
        return allows(model, identity, operation, record) || model.fields().stream()
                .anyMatch(field -> !field.authRules().isEmpty() && allows(field.authRules(), identity, operation, record));
    }

    /** The same judgement for any set of rules, such as a field's own. */
    static boolean allows(List<AuthRuleDef> rules, Identity identity, Operation operation, JsonNode record) {
        if (identity.kind() == Identity.Kind.OPEN || rules.isEmpty()) {
            return true;
        }
        for (AuthRuleDef rule : rules) {
            if (appliesTo(rule, operation) && allows(rule, identity, record)) {
                return true;
            }
        }
        return false;
    }

    private static boolean appliesTo(AuthRuleDef rule, Operation operation) {
        return operation.namedBy(rule);
    }

    private static boolean allows(AuthRuleDef rule, Identity identity, JsonNode record) {
        return switch (rule.allow()) {
            case "public" -> identity.kind() == Identity.Kind.API_KEY && "apiKey".equals(rule.provider());
            case "private" -> identity.kind() == Identity.Kind.USER;
            case "owner" -> identity.kind() == Identity.Kind.USER && record != null
                    && holds(record.get(rule.ownerField()), identity.ownerNames(rule.identityClaim()));
            case "groups" -> identity.kind() == Identity.Kind.USER && inGroups(rule, identity, record);
            default -> false; // custom rules need a Lambda authorizer, which this server does not run
        };
    }

    /** Operations no caller of a server may do to a model's records, and why, in words. */
    record Unreachable(String operations, String why) {}

    /**
     * What no caller of a server taking API keys ({@code apiKeys}) and users' tokens ({@code
     * tokens}) may do to records of {@code model}, and why; null when every operation its rules
     * allow is open to some caller. For a warning at start: every request such a rule alone
     * would allow fails, and its {@code Unauthorized} answer cannot say why.
     */
    static Unreachable unreachable(ModelDef model, boolean apiKeys, boolean tokens) {
        List<String> blocked = new ArrayList<>();
        Map<String, Set<String>> rulesByWhy = new LinkedHashMap<>(); // why -> the kinds of rule it holds for
        for (Operation operation : Operation.MODEL_OPERATIONS) {
            Map<AuthRuleDef, String> unmet = new LinkedHashMap<>(); // each rule naming the operation, and why no caller meets it
            for (AuthRuleDef rule : model.authRules()) {
                if (appliesTo(rule, operation)) {
                    unmet.put(rule, unmet(rule, apiKeys, tokens));
                }
            }
            // an operation no rule names is the schema's choice
            if (!unmet.isEmpty() && !unmet.containsValue(null)) {
                blocked.add(operation.schemaName);
                unmet.forEach((rule, why) -> rulesByWhy.computeIfAbsent(why, reason -> new LinkedHashSet<>())
                        .add(rule.allow().equals("public") ? "public (provider " + rule.provider() + ")" : rule.allow()));
            }
        }
        if (blocked.isEmpty()) {
            return null;
        }
        List<String> why = new ArrayList<>();
        rulesByWhy.forEach((reason, kinds) -> why.add(String.join(" and ", kinds) + " rules " + reason));
        return new Unreachable(listed(blocked, "or"), String.join("; ", why));
    }

    /** {@code a}, {@code a or b}, {@code a, b or c} (with {@code "or"}). */
    static String listed(List<String> words, String conjunction) {
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " " + words.get(words.size() - 1);
    }

    /** Why no caller of such a server meets {@code rule}; null when some caller can. */
    private static String unmet(AuthRuleDef rule, boolean apiKeys, boolean tokens) {
        return switch (rule.allow()) {
            case "public" -> !"apiKey".equals(rule.provider()) ? "need AWS IAM, which this server does not take"
                    : apiKeys ? null : "need an API key, and the server takes none (apiKeys, --api-key)";
            case "private", "owner", "groups" -> tokens ? null
                    : "need users' tokens, and the server takes none (jwtSecret or jwks, --jwt-secret or --jwks)";
            default -> "need a Lambda authorizer, which this server does not run";
        };
    }

    /**
     * The names {@code identity} owns records of {@code model} by in {@code ownerField}, under every
     * owner rule on that field, the model's or a field's: with the default identity claim a user's
     * {@code sub::username}, username and sub. None for a caller without a user's token.
     */
    static Set<String> ownerNames(ModelDef model, String ownerField, Identity identity) {
        Set<String> names = new LinkedHashSet<>();
        if (identity.kind() == Identity.Kind.USER) {
            model.allAuthRules().filter(rule -> rule.allow().equals("owner") && rule.ownerField().equals(ownerField))
                    .forEach(rule -> names.addAll(identity.ownerNames(rule.identityClaim())));
        }
        return names;
    }

    private static boolean inGroups(AuthRuleDef rule, Identity identity, JsonNode record) {
        List<String> mine = identity.groups(rule.groupClaim());
        if (!rule.groups().isEmpty()) {
            return rule.groups().stream().anyMatch(mine::contains);
        }
        return record != null && rule.groupsField() != null && holds(record.get(rule.groupsField()), mine);
    }

    private static boolean holds(JsonNode value, List<String> names) {
        if (value == null || value.isNull() || names.isEmpty()) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (names.contains(element.asText())) {
                    return true;
                }
            }
            return false;
        }
        return names.contains(value.asText());
    }

    /**
     * On create by a user under an owner rule: an owner field left empty is set to the caller,
     * so the record is theirs (Amplify's behaviour); a value naming someone else is kept and then
     * judged by the rules like any other. A field of several owners ({@code owners: [String]})
     * is set to a list of the caller alone. The owner rules are the model's, and a field's that
     * allow create, as in AppSync (a field only its owner may read is its creator's).
     */
    static void claimOwnership(ModelDef model, Identity identity, ObjectNode input) {
        if (identity.kind() != Identity.Kind.USER) {
            return;
        }
        List<AuthRuleDef> rules = new ArrayList<>(model.authRules());
        model.fields().forEach(field -> field.authRules().stream().filter(rule -> rule.allows("create"))
                .forEach(rules::add));
        for (AuthRuleDef rule : rules) {
            if (rule.allow().equals("owner") && !input.hasNonNull(rule.ownerField())) {
                String owner = identity.claim(rule.identityClaim());
                if (owner == null) {
                    continue;
                }
                if (model.field(rule.ownerField()).map(f -> f.type().list()).orElse(false)) {
                    input.putArray(rule.ownerField()).add(owner);
                } else {
                    input.put(rule.ownerField(), owner);
                }
            }
        }
    }

    /**
     * Field-level rules on a record about to be returned: a field whose own {@code @auth} rules
     * do not let the caller read it comes back null, and so does a field without rules of its own
     * when the model's rules do not let the caller read it (a caller a field's rules alone let
     * read: {@link #reaches}). The record itself is left alone: when a field must be hidden the
     * answer is a copy, otherwise the record as it is.
     */
    static ObjectNode redact(ModelDef model, Identity identity, ObjectNode record) {
        return hide(model, identity, record, allows(model, identity, Operation.READ, record));
    }

    /**
     * A mutation's answer, or the server's record a conflict returns, to the caller who was let
     * make the mutation: fields whose own rules do not let the caller read them come back null,
     * as in AppSync, whose model-level read rules do not apply to a mutation's answer (an owner who
     * hands a record to someone else gets the record as written). A caller whom a field's rules
     * alone let make it ({@code byModelRules} false: a signed-in user voting on a poll) gets the
     * fields without rules of their own as the model's rules let them read the record, as
     * AppSync's field resolvers keep such fields from a caller who may not read them.
     */
    static ObjectNode redactAnswer(ModelDef model, Identity identity, boolean byModelRules, ObjectNode record) {
        return hide(model, identity, record, byModelRules || allows(model, identity, Operation.READ, record));
    }

    /**
     * Whether the caller may read a relationship {@code field} of {@code record}, which is not a
     * value {@link #redact} could hide: as a field holding one, by its own rules or, without them,
     * as the model's rules let the caller read the record, or, in a mutation's answer, let the
     * caller make the mutation ({@code answerByModelRules}, as {@link #redactAnswer} has it).
     */
    static boolean readsRelation(ModelDef model, FieldDef field, Identity identity, JsonNode record,
            boolean answerByModelRules) {
        return allowsField(field, answerByModelRules || allows(model, identity, Operation.READ, record), identity,
                Operation.READ, record);
    }

    /** {@code record} with the fields the caller may not read null; those without rules of their own as {@code modelReads}. */
    private static ObjectNode hide(ModelDef model, Identity identity, ObjectNode record, boolean modelReads) {
        ObjectNode visible = record;
        for (FieldDef field : model.fields()) {
            if (record.hasNonNull(field.name()) && !allowsField(field, modelReads, identity, Operation.READ, record)) {
                if (visible == record) {
                    visible = record.deepCopy();
                }
                visible.putNull(field.name());
            }
        }
        return visible;
    }

    /**
     * Field-level rules on a mutation's input, as AppSync's access matrix has them: every field it
     * sets must be one the caller may write, by its own rules or, without them, by the model's;
     * and an update that sets a field to null clears it, which takes {@code delete} on the field
     * too (a caller with create, read and update alone may change a field but not empty it). The
     * key fields, which name the record, and the timestamps, which the server sets when they are
     * left out, need no rule.
     */
    static void checkFieldWrites(ModelDef model, Identity identity, Operation operation, JsonNode input, JsonNode record,
            String mutation) {
        boolean modelWrites = allows(model, identity, operation, record);
        boolean modelDeletes = operation == Operation.UPDATE && allows(model, identity, Operation.DELETE, record);
        for (FieldDef field : model.fields()) {
            if (!input.has(field.name()) || model.primaryKey().contains(field.name()) || model.isTimestamp(field.name())) {
                continue;
            }
            if (!allowsField(field, modelWrites, identity, operation, record)) {
                throw new ApiException("Unauthorized", "Not Authorized to access " + field.name() + " on " + mutation, null);
            }
            if (operation == Operation.UPDATE && input.get(field.name()).isNull()
                    && !allowsField(field, modelDeletes, identity, Operation.DELETE, record)) {
                throw new ApiException("Unauthorized", "Not Authorized to access " + field.name() + " on " + mutation
                        + " (setting a field to null takes delete on it)", null);
            }
        }
    }

    /**
     * A delete takes the whole record, so, as in AppSync, the caller must be allowed to delete
     * every field: those with rules of their own by those rules too, beside the model's.
     */
    static void checkFieldDeletes(ModelDef model, Identity identity, JsonNode record, String mutation) {
        for (FieldDef field : model.fields()) {
            if (!field.authRules().isEmpty() && !allows(field.authRules(), identity, Operation.DELETE, record)) {
                throw new ApiException("Unauthorized", "Not Authorized to access " + field.name() + " on " + mutation, null);
            }
        }
    }

    /** Whether {@code field} allows {@code operation}: by its own rules, or without them as the model does ({@code modelAllows}). */
    private static boolean allowsField(FieldDef field, boolean modelAllows, Identity identity, Operation operation,
            JsonNode record) {
        return field.authRules().isEmpty() ? modelAllows : allows(field.authRules(), identity, operation, record);
    }

    static ApiException denied(String field, String type) {
        return new ApiException("Unauthorized", "Not Authorized to access " + field + " on type " + type, null);
    }
}
