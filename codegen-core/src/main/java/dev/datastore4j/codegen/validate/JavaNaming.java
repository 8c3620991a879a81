package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.TypeRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names that cannot become Java identifiers in the generated code: keywords, names of the members
 * every generated model has, and names whose constants would collide; type names that cannot
 * name their own file and table: two differing only in case, or a model named like the local
 * store's own tables; and names the API schema cannot have: the sync protocol's fields, and any
 * beginning with {@code __}, which GraphQL keeps for introspection.
 */
final class JavaNaming {
    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
            "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
            "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_");

    /** Java's contextual keywords: fine as names of fields and enum values, not of types. */
    private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    /** Methods of every generated model and of java.lang.Object that a record accessor would clash with. */
    private static final Set<String> MEMBERS = Set.of("builder", "toBuilder", "hashCode", "toString", "getClass",
            "notify", "notifyAll", "wait", "clone", "finalize", "identifier");

    /** Type names that would shadow java.lang types the generated code uses. */
    private static final Set<String> TYPE_NAMES = Set.of("Object", "String", "Integer", "Double", "Boolean",
            "Long", "Override", "Deprecated", "SuppressWarnings", "SafeVarargs", "Class", "Enum", "Record");

    /**
     * The longest type name whose class files fit the 255 bytes most file systems allow in a file
     * name: {@code <name>$Identifier.class} adds 17 (GraphQL names are ASCII: a byte a character).
     */
    private static final int MAX_TYPE_NAME = 255 - "$Identifier.class".length();

    /** Classes nested in generated types: {@code Post.Builder}, and {@code Order.Identifier} of a composite key. */
    private static final Set<String> NESTED_CLASSES = Set.of("Builder", "Identifier");

    /** Sync metadata the protocol adds to every model. */
    private static final Set<String> PROTOCOL_FIELDS = Set.of("_version", "_deleted", "_lastChangedAt");

    /** Why no name may begin with {@code __} (the API schema would not load: {@code __typename} is one). */
    private static final String INTROSPECTION = "GraphQL keeps names that begin with __ for introspection";

    /** Table name prefixes of SQLite itself and of the local store, which compares names ignoring case. */
    private static final List<String> STORE_PREFIXES = List.of("sqlite_", "_datastore_");

    private final Diagnostics diagnostics;
    private final Set<String> schemaTypes;
    /** Type names seen so far, by their lower-case form. */
    private final Map<String, String> typesIgnoringCase = new HashMap<>();

    /** {@code schemaTypes}: the types the schema declares, which generated code refers to by simple name. */
    JavaNaming(Diagnostics diagnostics, Set<String> schemaTypes) {
        this.diagnostics = diagnostics;
        this.schemaTypes = schemaTypes;
    }

    void checkTypeName(String name, Position at, String registryClass) {
        if (name.startsWith("__")) {
            diagnostics.add(Problems.reservedName(at, "type name", name, INTROSPECTION));
        } else if (KEYWORDS.contains(name) || TYPE_NAMES.contains(name)) {
            diagnostics.add(Problems.reservedName(at, "type name", name, "it would clash with Java's own "
                    + (KEYWORDS.contains(name) ? "keyword" : "type")));
        } else if (NESTED_CLASSES.contains(name)) {
            diagnostics.add(Problems.reservedName(at, "type name", name, (name.equals("Builder")
                    ? "generated types have a nested class Builder (Post.Builder)"
                    : "models with a composite key have a nested class Identifier (Order.Identifier)")
                    + ", which would hide it, and no class may hold one of its own name"));
        } else if (RESTRICTED_TYPE_NAMES.contains(name)) {
            diagnostics.add(Problems.reservedName(at, "type name", name, "Java does not allow it as the name of a type"));
        } else if (name.equals(registryClass)) {
            diagnostics.add(Problems.reservedName(at, "type name", name,
                    "it is the name of the generated registry class"));
        }
        if (name.length() > MAX_TYPE_NAME) {
            diagnostics.add(Problems.nameTooLong(at, "type name", name.length(), MAX_TYPE_NAME,
                    "its generated class files (" + name.substring(0, 8) + "...$Identifier.class, say) would have names"
                            + " longer than the 255 bytes file systems allow"));
        }
        String earlier = typesIgnoringCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        if (earlier != null && !earlier.equals(name)) {
            diagnostics.add(Problems.nameClash(at, "type " + name + " differs from type " + earlier + " only in case",
                    "rename one: where file names ignore case (macOS, Windows) their Java files would be one file,"
                            + " and the local store's tables of two models would be one table"));
        }
    }

    void checkModelName(String name, Position at) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String prefix : STORE_PREFIXES) {
            if (lower.startsWith(prefix)) {
                diagnostics.add(Problems.reservedName(at, "model name", name,
                        "tables named " + prefix + "... belong to " + (prefix.equals("sqlite_") ? "SQLite" : "the local store")));
            }
        }
    }

    void checkEnumValue(String value, Position at) {
        if (value.startsWith("__")) {
            diagnostics.add(Problems.reservedName(at, "enum value", value, INTROSPECTION));
        } else if (KEYWORDS.contains(value)) {
            diagnostics.add(Problems.reservedName(at, "enum value", value, "it is a Java keyword"));
        }
    }

    /**
     * Whether {@code field} refers to a model: such a field is no record component, only an accessor
     * method of its name, which hides no type (Amplify schemas name them so: {@code Icon: Icon @hasOne}).
     */
    private static boolean isRelationship(FieldDef field) {
        return field.type().kind() == TypeRef.Kind.MODEL;
    }

    /** Checks the fields of one type; {@code positions} locates declared fields, others point at the type. */
    void checkFields(String typeName, Iterable<FieldDef> fields, Map<String, Position> positions, Position typeAt) {
        Map<String, String> constants = new HashMap<>();
        constants.put("SCHEMA", "the model's metadata");
        for (FieldDef field : fields) {
            Position at = positions.getOrDefault(field.name(), typeAt);
            String name = field.name();
            if (name.startsWith("__")) {
                diagnostics.add(Problems.reservedName(at, "field name", name, INTROSPECTION));
            } else if (PROTOCOL_FIELDS.contains(name)) {
                diagnostics.add(Problems.reservedName(at, "field name", name,
                        "the sync protocol adds it to every model"));
            } else if (KEYWORDS.contains(name)) {
                diagnostics.add(Problems.reservedName(at, "field name", name, "it is a Java keyword"));
            } else if (name.equals(typeName) || schemaTypes.contains(name) && !isRelationship(field)) {
                diagnostics.add(Problems.reservedName(at, "field name", name,
                        "it is the name of a type, which the generated Java code could then not refer to"));
            } else if (MEMBERS.contains(name)) {
                diagnostics.add(Problems.reservedName(at, "field name", name,
                        "every generated model has a method " + name + "()"));
            } else {
                String constant = Names.fieldConstant(name);
                String earlier = constants.putIfAbsent(constant, "field " + name);
                if (earlier != null) {
                    diagnostics.add(Problems.nameClash(at, "field " + typeName + "." + name + " would get the constant "
                            + constant + ", which " + earlier + " has already", "rename one of them"));
                }
            }
        }
        // a record component cannot be named like a static field of its record (TITLE beside title's constant)
        for (FieldDef field : fields) {
            String owner = constants.get(field.name());
            if (owner != null && !isRelationship(field)) {
                diagnostics.add(Problems.nameClash(positions.getOrDefault(field.name(), typeAt), "field " + typeName + "."
                        + field.name() + " would be named like the constant " + field.name() + ", which " + owner + " has",
                        "rename one of them"));
            }
        }
    }
}
