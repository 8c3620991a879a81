package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.AuthRuleDef;
import dev.datastore4j.codegen.schema.Names;
import graphql.language.Directive;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code @auth(rules: [...])} into rules with Amplify's defaults applied. */
final class AuthRules {
    private static final Map<String, List<String>> PROVIDERS = Map.of(
            "owner", List.of("userPools", "oidc"),
            "groups", List.of("userPools", "oidc"),
            "private", List.of("userPools", "oidc", "iam"),
            "public", List.of("apiKey", "iam", "identityPool"),
            "custom", List.of("function"));
    private static final List<String> STRATEGIES = List.of("owner", "groups", "private", "public", "custom");
    private static final List<String> OPERATIONS =
            List.of("create", "update", "delete", "read", "get", "list", "sync", "listen", "search");
    private static final List<String> DEFAULT_OPERATIONS = List.of("create", "update", "delete", "read");
    private static final Set<String> KEYS = Set.of("allow", "provider", "ownerField", "identityClaim",
            "groupClaim", "groups", "groupsField", "operations");
    /** Keys that mean something to one strategy alone, as Amplify's transformer reads them. */
    private static final Map<String, String> STRATEGY_KEYS = new LinkedHashMap<>();

    static {
        STRATEGY_KEYS.put("ownerField", "owner");
        STRATEGY_KEYS.put("identityClaim", "owner");
        STRATEGY_KEYS.put("groups", "groups");
        STRATEGY_KEYS.put("groupsField", "groups");
        STRATEGY_KEYS.put("groupClaim", "groups");
    }

    private final Diagnostics diagnostics;

    AuthRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    List<AuthRuleDef> read(Directive auth) {
        List<AuthRuleDef> rules = new ArrayList<>();
        Ast.argument(auth, "rules").ifPresent(argument -> {
            if (Ast.elements(argument.getValue()).isEmpty()) { // it would leave the type open to every caller
                diagnostics.add(Problems.invalidAuthRule(Ast.at(auth), "@auth without rules",
                        "give at least one, such as { allow: owner }, or drop @auth"));
            }
            for (Value<?> element : Ast.elements(argument.getValue())) {
                AuthRuleDef rule = readRule((ObjectValue) element);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        });
        return rules;
    }

    private AuthRuleDef readRule(ObjectValue rule) {
        boolean ok = true;
        for (ObjectField field : rule.getObjectFields()) {
            if (!KEYS.contains(field.getName())) {
                String hint = Names.suggest(field.getName(), KEYS);
                diagnostics.add(Problems.invalidAuthRule(Ast.at(field), "unknown auth rule key '" + field.getName()
                        + "'", hint == null ? "known keys: " + Problems.oneOf(KEYS.stream().sorted().toList())
                        : "did you mean " + hint + "?"));
                ok = false;
            }
        }
        String allow = Ast.field(rule, "allow").map(f -> Ast.string(f.getValue())).orElse(null);
        if (allow == null || !STRATEGIES.contains(allow)) {
            diagnostics.add(Problems.invalidAuthRule(Ast.at(rule.getSourceLocation(), 1),
                    allow == null ? "auth rule without 'allow'" : "unknown auth strategy '" + allow + "'",
                    "allow is one of " + Problems.oneOf(STRATEGIES)));
            return null;
        }
        for (Map.Entry<String, String> key : STRATEGY_KEYS.entrySet()) {
            if (!key.getValue().equals(allow) && Ast.field(rule, key.getKey()).isPresent()) {
                diagnostics.add(Problems.invalidAuthRule(at(rule, key.getKey()), "'" + key.getKey() + "' belongs to "
                        + key.getValue() + " rules; it has no effect on a rule that allows " + allow,
                        "drop it, or make the rule { allow: " + key.getValue() + " }"));
                ok = false;
            }
        }
        if (Ast.field(rule, "groups").isPresent() && Ast.field(rule, "groupsField").isPresent()) {
            diagnostics.add(Problems.invalidAuthRule(at(rule, "groupsField"), "a groups rule takes either 'groups' (static"
                    + " groups) or 'groupsField' (groups named by each record), not both", "split it into two rules"));
            ok = false;
        }
        String provider = text(rule, "provider", PROVIDERS.get(allow).get(0));
        if (!PROVIDERS.get(allow).contains(provider)) {
            diagnostics.add(Problems.invalidAuthRule(at(rule, "provider"),
                    "provider '" + provider + "' cannot be used with allow: " + allow,
                    "use " + Problems.oneOf(PROVIDERS.get(allow))));
            ok = false;
        }
        List<String> operations = list(rule, "operations", DEFAULT_OPERATIONS);
        for (String operation : operations) {
            if (!OPERATIONS.contains(operation)) {
                diagnostics.add(Problems.invalidAuthRule(at(rule, "operations"), "unknown operation '" + operation
                        + "'", "operations are " + Problems.oneOf(OPERATIONS)));
                ok = false;
            }
        }
        List<String> groups = list(rule, "groups", List.of());
        String ownerField = fieldName(rule, "ownerField", "owner", diagnostics);
        String groupsField = fieldName(rule, "groupsField", null, diagnostics);
        String identityClaim = claim(rule, "identityClaim", "sub::username", diagnostics);
        String groupClaim = claim(rule, "groupClaim", "cognito:groups", diagnostics);
        ok &= ownerField != null && identityClaim != null && groupClaim != null
                && (groupsField != null || Ast.field(rule, "groupsField").isEmpty());
        if (allow.equals("groups") && groups.isEmpty() && groupsField == null) {
            diagnostics.add(Problems.invalidAuthRule(Ast.at(rule.getSourceLocation(), 1),
                    "a groups rule needs 'groups' or 'groupsField'", "e.g. { allow: groups, groups: [\"Admin\"] }"));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return switch (allow) {
            case "owner" -> new AuthRuleDef(allow, provider, ownerField, identityClaim, null, List.of(), null, operations);
            case "groups" -> new AuthRuleDef(allow, provider, null, null, groupClaim, groups, groupsField, operations);
            default -> new AuthRuleDef(allow, provider, null, null, null, List.of(), null, operations);
        };
    }

    private static String text(ObjectValue rule, String key, String fallback) {
        return Ast.field(rule, key).map(f -> Ast.string(f.getValue())).orElse(fallback);
    }

    /** A rule argument naming a field of the model: it must be a GraphQL name. */
    private static String fieldName(ObjectValue rule, String key, String fallback, Diagnostics diagnostics) {
        return Ast.field(rule, key).map(f -> Ast.name(f.getValue(), "auth", key, diagnostics)).orElse(fallback);
    }

    /** A token claim such as {@code sub::username} or {@code custom:tenant}: any non-empty string. */
    private static String claim(ObjectValue rule, String key, String fallback, Diagnostics diagnostics) {
        String value = text(rule, key, fallback);
        if (value == null || value.isBlank()) {
            diagnostics.add(Problems.invalidAuthRule(at(rule, key), "'" + key + "' must name a token claim",
                    "e.g. " + key + ": \"" + fallback + "\""));
            return null;
        }
        return value;
    }

    private static List<String> list(ObjectValue rule, String key, List<String> fallback) {
        return Ast.field(rule, key)
                .map(f -> Ast.elements(f.getValue()).stream().map(Ast::string).filter(s -> s != null).toList())
                .orElse(fallback);
    }

    private static Position at(ObjectValue rule, String key) {
        return Ast.field(rule, key).map(f -> Ast.at(f)).orElse(Ast.at(rule.getSourceLocation(), 1));
    }
}
