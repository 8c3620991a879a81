package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.schema.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Amplify v2 directives this tool understands, with where they may stand and what arguments
 * they take. Users never declare them; a schema that does is accepted and its declarations ignored.
 */
record DirectiveSpec(String name, Set<Location> locations, boolean repeatable, Map<String, ArgKind> arguments,
        Set<String> requiredArguments) {

    enum Location {
        OBJECT,
        FIELD
    }

    enum ArgKind {
        STRING("a string"),
        INT("an integer"),
        STRING_LIST("a list of strings"),
        OBJECT("an object"),
        OBJECT_LIST("a list of objects");

        final String description;

        ArgKind(String description) {
            this.description = description;
        }
    }

    static final Map<String, DirectiveSpec> SUPPORTED = index(
            spec("model", Set.of(Location.OBJECT), false, Map.of(
                    "queries", ArgKind.OBJECT, "mutations", ArgKind.OBJECT,
                    "subscriptions", ArgKind.OBJECT, "timestamps", ArgKind.OBJECT)),
            spec("auth", Set.of(Location.OBJECT, Location.FIELD), false, Map.of("rules", ArgKind.OBJECT_LIST),
                    "rules"),
            spec("primaryKey", Set.of(Location.FIELD), false, Map.of("sortKeyFields", ArgKind.STRING_LIST)),
            spec("index", Set.of(Location.FIELD), true, Map.of(
                    "name", ArgKind.STRING, "sortKeyFields", ArgKind.STRING_LIST, "queryField", ArgKind.STRING)),
            spec("hasOne", Set.of(Location.FIELD), false, Map.of(
                    "fields", ArgKind.STRING_LIST, "references", ArgKind.STRING_LIST)),
            spec("hasMany", Set.of(Location.FIELD), false, Map.of(
                    "indexName", ArgKind.STRING, "fields", ArgKind.STRING_LIST, "limit", ArgKind.INT,
                    "references", ArgKind.STRING_LIST)),
            spec("belongsTo", Set.of(Location.FIELD), false, Map.of(
                    "fields", ArgKind.STRING_LIST, "references", ArgKind.STRING_LIST)),
            spec("manyToMany", Set.of(Location.FIELD), false, Map.of(
                    "relationName", ArgKind.STRING, "limit", ArgKind.INT), "relationName"),
            spec("default", Set.of(Location.FIELD), false, Map.of("value", ArgKind.STRING), "value"));

    /** Directives users may know from Amplify or AppSync, which this tool rejects with advice. */
    static final Map<String, String> UNSUPPORTED = unsupported();

    static final Set<String> RELATIONSHIPS = Set.of("hasOne", "hasMany", "belongsTo", "manyToMany");

    private static DirectiveSpec spec(String name, Set<Location> locations, boolean repeatable,
            Map<String, ArgKind> arguments, String... required) {
        return new DirectiveSpec(name, locations, repeatable, arguments, Set.of(required));
    }

    private static Map<String, DirectiveSpec> index(DirectiveSpec... specs) {
        Map<String, DirectiveSpec> byName = new LinkedHashMap<>();
        for (DirectiveSpec spec : specs) {
            byName.put(spec.name(), spec);
        }
        return Map.copyOf(byName);
    }

    private static Map<String, String> unsupported() {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("key", "@key belongs to the v1 transformer; use @primaryKey or @index");
        hints.put("connection", "@connection belongs to the v1 transformer; use @hasOne, @hasMany or @belongsTo");
        hints.put("versioned", "versioning is always on: every model gets _version");
        for (String name : List.of("searchable", "function", "http", "predictions", "mapsTo", "refersTo", "sql",
                "conversation", "generation", "validate", "deprecated")) {
            hints.put(name, "datastore4j does not support @" + name + "; remove it");
        }
        for (String name : List.of("aws_subscribe", "aws_api_key", "aws_iam", "aws_oidc", "aws_cognito_user_pools",
                "aws_lambda", "aws_auth")) {
            hints.put(name, "@" + name + " belongs to the API schema AppSync derives; use @auth in the input schema");
        }
        return Map.copyOf(hints);
    }

    /** Every directive name this tool knows, supported or not. */
    private static final List<String> KNOWN_NAMES = Stream.concat(SUPPORTED.keySet().stream(), UNSUPPORTED.keySet().stream())
            .sorted()
            .toList();

    /**
     * The directive an unknown {@code name} most likely misspells, for "did you mean" hints; null
     * when {@code name} is known (supported or not) or close to none.
     */
    static String meant(String name) {
        return KNOWN_NAMES.contains(name) ? null : Names.suggest(name, KNOWN_NAMES);
    }
}
