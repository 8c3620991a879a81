package dev.datastore4j.codegen.diag;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalogue of every schema diagnostic: one factory per problem, so codes and wording stay
 * consistent and can be reviewed in one place. Codes are stable; tests and users may match on them.
 */
public final class Problems {
    private Problems() {}

    private static Diagnostic error(String code, Position at, String message, String hint) {
        return new Diagnostic(Severity.ERROR, code, at, message, hint);
    }

    private static Diagnostic warning(String code, Position at, String message, String hint) {
        return new Diagnostic(Severity.WARNING, code, at, message, hint);
    }

    private static String didYouMean(String suggestion, String prefix) {
        return suggestion == null ? null : "did you mean " + prefix + suggestion + "?";
    }

    public static Diagnostic syntaxError(Position at, String message) {
        return error("syntax-error", at, message, null);
    }

    public static Diagnostic noModels(Position at) {
        return warning("no-models", at, "the schema declares no @model type",
                "annotate an object type with @model, e.g. type Post @model { id: ID! }");
    }

    public static Diagnostic unknownDirective(Position at, String name, String suggestion) {
        return error("unknown-directive", at, "unknown directive @" + name, didYouMean(suggestion, "@"));
    }

    public static Diagnostic unsupportedDirective(Position at, String name, String hint) {
        return error("unsupported-directive", at, "directive @" + name + " is not supported", hint);
    }

    public static Diagnostic misplacedDirective(Position at, String name, String where) {
        return error("misplaced-directive", at, "directive @" + name + " cannot be used on " + where, null);
    }

    public static Diagnostic repeatedDirective(Position at, String name) {
        return error("repeated-directive", at, "directive @" + name + " appears more than once here", null);
    }

    public static Diagnostic unknownArgument(Position at, String directive, String argument, String suggestion) {
        return error("unknown-argument", at, "@" + directive + " has no argument '" + argument + "'",
                didYouMean(suggestion, ""));
    }

    public static Diagnostic missingArgument(Position at, String directive, String argument) {
        return error("missing-argument", at, "@" + directive + " needs the argument '" + argument + "'", null);
    }

    public static Diagnostic invalidArgument(Position at, String directive, String argument, String expected) {
        return error("invalid-argument", at,
                "argument '" + argument + "' of @" + directive + " must be " + expected, null);
    }

    public static Diagnostic duplicateType(Position at, String name, Position first) {
        return error("duplicate-type", at, "type " + name + " is already declared at " + where(first), null);
    }

    public static Diagnostic duplicateField(Position at, String type, String field) {
        return error("duplicate-field", at, "field " + type + "." + field + " is declared more than once", null);
    }

    /** A non-model type without fields or an enum without values: GraphQL requires at least one. */
    public static Diagnostic emptyDefinition(Position at, String what, String name, String parts) {
        return error("empty-definition", at, what + " " + name + " declares no " + parts,
                "GraphQL requires at least one; declare them in braces, or remove the " + what);
    }

    public static Diagnostic duplicateEnumValue(Position at, String enumName, String value) {
        return error("duplicate-enum-value", at, "enum " + enumName + " has the value " + value + " more than once", null);
    }

    public static Diagnostic unknownType(Position at, String name, String suggestion) {
        return error("unknown-type", at, "unknown type " + name, didYouMean(suggestion, ""));
    }

    public static Diagnostic unsupportedDefinition(Position at, String what, String hint) {
        return error("unsupported-definition", at, what + " is not supported", hint);
    }

    public static Diagnostic unsupportedType(Position at, String field, String what, String hint) {
        return error("unsupported-type", at, "field " + field + " has a type that is not supported: " + what, hint);
    }

    public static Diagnostic modelFieldNeedsRelationship(Position at, String field, String model) {
        return error("missing-relationship", at,
                "field " + field + " refers to the model " + model + " without a relationship directive",
                "add @hasMany, @hasOne or @belongsTo (or @manyToMany for a list on both sides)");
    }

    public static Diagnostic modelInEmbeddedType(Position at, String field, String model) {
        return error("model-in-embedded-type", at,
                "field " + field + " of a non-model type refers to the model " + model,
                "non-model types are stored inside their owner; keep only scalars, enums and non-model types in them");
    }

    public static Diagnostic relationshipOnNonModel(Position at, String directive, String field, String type) {
        return error("invalid-relationship", at,
                "@" + directive + " on " + field + " needs a @model type, but " + type + " is not one", null);
    }

    public static Diagnostic relationshipShape(Position at, String directive, String field, String expected) {
        return error("invalid-relationship", at, "@" + directive + " on " + field + " needs " + expected, null);
    }

    public static Diagnostic relationshipOutsideModel(Position at, String directive, String type) {
        return error("invalid-relationship", at,
                "@" + directive + " is used in " + type + ", which is not a @model type", null);
    }

    public static Diagnostic belongsToWithoutParent(Position at, String field, String child, String parent) {
        return error("belongs-to-without-parent", at,
                "@belongsTo on " + field + " needs a @hasMany or @hasOne field in " + parent
                        + " that points back to " + child,
                "add e.g. `" + lowerFirst(child) + "s: [" + child + "] @hasMany` to " + parent
                        + ", or name the foreign key with @belongsTo(fields: [...])");
    }

    public static Diagnostic ambiguousBelongsTo(Position at, String field, List<String> candidates, String hint) {
        return warning("ambiguous-belongs-to", at,
                "@belongsTo on " + field + " could be the other side of " + String.join(" or ", candidates)
                        + "; it is taken as the other side of " + candidates.get(0) + ", the first", hint);
    }

    public static Diagnostic relationshipKeysDiffer(Position at, String field, List<String> keys, String counterpart,
            List<String> counterpartKeys, String child, String parent, String hint) {
        return warning("relationship-keys-differ", at,
                field + " keeps its " + parent + "'s key in " + keys + ", but " + counterpart + " finds its "
                        + child + " records by " + counterpartKeys + ": " + child + " records saved with their "
                        + parent + " are not among them, nor deleted with it", hint);
    }

    public static Diagnostic twoWayCascade(Position at, String model, String field, String related, String backField,
            List<String> keys) {
        String quotedKeys = keys.stream().map(key -> '"' + key + '"').collect(Collectors.joining(", ", "[", "]"));
        return warning("two-way-cascade", at,
                model + "." + field + " is a @hasOne keyed by " + keys + ", so a deleted " + model + " takes its " + field
                        + " (" + related + ") with it, and " + related + "." + backField + " finds " + model
                        + " records by the same " + keys + ", so a deleted " + related + " takes its " + backField
                        + " with it: deletes cascade both ways between them",
                "declare " + model + "." + field + " @belongsTo(fields: " + quotedKeys + "): it names the same " + related
                        + ", and deletes then cascade from " + related + "." + backField + " only");
    }

    public static Diagnostic emptyKeyDefault(Position at, String model, String field, String index) {
        return warning("empty-key-default", at,
                model + "." + field + " is a key of index " + index + " and its @default is the empty string, which"
                        + " DynamoDB refuses in a key: every " + model + " created without a " + field + " is refused",
                "give it a default that is not empty, or none");
    }

    public static Diagnostic unknownField(Position at, String type, String field, String suggestion) {
        return error("unknown-field", at, type + " has no field '" + field + "'", didYouMean(suggestion, ""));
    }

    /** A field named to hold a key that {@code type} does not declare. */
    public static Diagnostic unknownKeyField(Position at, String type, String field, String suggestion) {
        return error("unknown-field", at, type + " has no field '" + field + "'", suggestion != null
                ? didYouMean(suggestion, "")
                : "declare it on " + type + ", of the type of the key field whose value it holds");
    }

    /** A key sorting on a timestamp the model has but does not declare. */
    public static Diagnostic undeclaredTimestamp(Position at, String type, String field) {
        return error("unknown-field", at, type + " does not declare its timestamp '" + field + "'; a key sorts only on"
                + " declared fields",
                "declare " + field + ": AWSDateTime in " + type + "; the server still sets it when a create leaves it out");
    }

    public static Diagnostic keyMismatch(Position at, String what, String detail) {
        return error("key-mismatch", at, what + ": " + detail, null);
    }

    public static Diagnostic invalidPrimaryKey(Position at, String model, String detail) {
        return error("invalid-primary-key", at, "primary key of " + model + " " + detail, null);
    }

    public static Diagnostic invalidIndex(Position at, String model, String detail) {
        return error("invalid-index", at, "index of " + model + " " + detail, null);
    }

    public static Diagnostic manyToMany(Position at, String detail, String hint) {
        return error("invalid-many-to-many", at, detail, hint);
    }

    public static Diagnostic invalidDefault(Position at, String field, String detail) {
        return error("invalid-default", at, "@default on " + field + " " + detail, null);
    }

    public static Diagnostic invalidAuthRule(Position at, String detail, String hint) {
        return error("invalid-auth-rule", at, detail, hint);
    }

    public static Diagnostic invalidTimestamp(Position at, String detail, String hint) {
        return error("invalid-timestamp", at, detail, hint);
    }

    public static Diagnostic reservedName(Position at, String what, String name, String why) {
        return error("reserved-name", at, what + " '" + name + "' cannot be used: " + why, null);
    }

    public static Diagnostic nameTooLong(Position at, String what, int length, int max, String why) {
        return error("name-too-long", at, what + " of " + length + " characters is too long (at most " + max + "): " + why,
                "shorten it");
    }

    public static Diagnostic nameClash(Position at, String detail, String hint) {
        return error("name-clash", at, detail, hint);
    }

    /** "a, b or c" for lists of accepted values in messages. */
    public static String oneOf(Collection<String> values) {
        return joined(values, " or ");
    }

    /** "a, b and c". */
    public static String allOf(Collection<String> values) {
        return joined(values, " and ");
    }

    private static String joined(Collection<String> values, String beforeLast) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (String value : values) {
            text.append(i == 0 ? "" : i == values.size() - 1 ? beforeLast : ", ").append(value);
            i++;
        }
        return text.toString();
    }

    private static String where(Position position) {
        return position.source() + ":" + position.line() + ":" + position.column();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
