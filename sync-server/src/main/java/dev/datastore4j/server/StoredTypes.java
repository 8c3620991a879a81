package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.codegen.schema.EmbeddedDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ScalarForms;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether stored values still fit the types the schema gives their fields: a schema that drops an
 * enum value, or turns a {@code String} into an {@code AWSDate}, would otherwise be served over
 * records holding values of the old type, and every read of them would fail (or hand typed clients
 * a value they cannot read). {@link StoredRecordsCheck} runs these checks at start for each field
 * whose type no server has checked yet. The same checks, as strict as a mutation's input is
 * ({@link #inputMisfit}), keep a custom conflict resolver's record out of the store when no
 * mutation could have written it.
 */
final class StoredTypes {
    /**
     * The version of the rules {@link #misfit} checks values by ({@link ScalarForms} among them).
     * Raise it whenever a change makes them refuse a value they took before, so that fields checked
     * under the old rules are checked again at the next start instead of served with values the
     * server now refuses to write.
     */
    static final int RULES = 1;

    private final int rules;
    private final Map<String, Set<String>> enumValues = new HashMap<>();
    private final Map<String, EmbeddedDef> embeddedTypes = new HashMap<>();

    /**
     * The enums and non-model types of {@code schema}, looked up by name for every stored value,
     * checked by the rules of version {@code rules} ({@link #RULES}, or a test's earlier version).
     */
    StoredTypes(Schema schema, int rules) {
        this.rules = rules;
        schema.enums().forEach(e -> enumValues.put(e.name(), new LinkedHashSet<>(e.values())));
        schema.embeddedTypes().forEach(e -> embeddedTypes.put(e.name(), e));
    }

    /**
     * What a server remembers once a field's stored values were found to fit its type: the
     * field's name and a digest of the type, enum values and the fields of non-model types
     * included, and of the version of the checking rules, so that any change to them is checked
     * again.
     */
    String checkedEntry(FieldDef field) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((rules + " " + signature(field.type(), new HashSet<>())).getBytes(StandardCharsets.UTF_8));
            return field.name() + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private String signature(TypeRef type, Set<String> enclosing) {
        String named = switch (type.kind()) {
            case ENUM -> type.name() + enumValues.get(type.name());
            case EMBEDDED -> {
                if (!enclosing.add(type.name())) {
                    yield type.name(); // a non-model type inside itself
                }
                StringBuilder fields = new StringBuilder(type.name()).append('{');
                for (FieldDef inner : embedded(type).fields()) {
                    fields.append(inner.name()).append(':').append(signature(inner.type(), enclosing)).append(' ');
                }
                enclosing.remove(type.name());
                yield fields.append('}').toString();
            }
            default -> type.name();
        };
        String element = type.list() ? "[" + named + (type.elementRequired() ? "!" : "") + "]" : named;
        return type.required() ? element + "!" : element;
    }

    /**
     * Why the stored {@code value} does not fit {@code type}, or null when it does. A missing or
     * null value fits: required fields are checked apart (and filled in where they can be).
     */
    String misfit(TypeRef type, JsonNode value) {
        return misfit(type, value, false);
    }

    /**
     * Why {@code value} could not have come in a mutation's input as a value of {@code type}, or
     * null when it could: as {@link #misfit}, and a non-model object also holds every field its
     * type requires and no other. A missing or null value itself is the caller's to check, as it
     * knows the field.
     */
    String inputMisfit(TypeRef type, JsonNode value) {
        return misfit(type, value, true);
    }

    private String misfit(TypeRef type, JsonNode value, boolean asInput) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!type.list()) {
            return misfitOne(type, value, asInput);
        }
        if (!value.isArray()) {
            return value + " is not a list";
        }
        for (JsonNode element : value) {
            String problem = element.isNull() ? (type.elementRequired() ? "a list holding null" : null)
                    : misfitOne(type, element, asInput);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String misfitOne(TypeRef type, JsonNode value, boolean asInput) {
        String unwritable = asInput ? unwritable(value) : null;
        if (unwritable != null) {
            return unwritable;
        }
        return switch (type.kind()) {
            case ENUM -> value.isTextual() && enumValues.get(type.name()).contains(value.asText()) ? null
                    : value + " is not a value of " + type.name();
            case EMBEDDED -> {
                if (!value.isObject()) {
                    yield value + " is not an object of " + type.name();
                }
                yield objectMisfit(embedded(type), value, asInput);
            }
            default -> scalarMisfit(type.name(), value);
        };
    }

    /**
     * Why {@code object} does not fit {@code type}: a field's value; as an input, also a required
     * field null or a field the type lacks.
     */
    private String objectMisfit(EmbeddedDef type, JsonNode object, boolean asInput) {
        Set<String> names = new HashSet<>();
        for (FieldDef inner : type.fields()) {
            names.add(inner.name());
            JsonNode value = object.get(inner.name());
            if (asInput && inner.type().required() && (value == null || value.isNull())) {
                return object + " has no value for " + type.name() + "." + inner.name() + ", which is required";
            }
            String problem = misfit(inner.type(), value, asInput);
            if (problem != null) {
                return problem;
            }
        }
        if (asInput) {
            for (String name : (Iterable<String>) object::fieldNames) {
                if (!names.contains(name)) {
                    return object + " holds " + name + ", which is not a field of " + type.name();
                }
            }
        }
        return null;
    }

    /**
     * What no mutation's input holds, whatever the field's type: text that cannot be stored, or a
     * number that is not finite (JSON has none). Not among the rules stored values are checked by
     * ({@link #RULES}): the server never wrote such a value.
     */
    private static String unwritable(JsonNode value) {
        if (value.isTextual()) {
            return textProblem(value.asText());
        }
        return value.isNumber() && !Double.isFinite(value.doubleValue()) ? value.asText() + " is not a finite number" : null;
    }

    /**
     * What makes {@code text} impossible to store as it is, or null: half of a surrogate pair (JSON
     * and GraphQL can write one as a {@code \\u} escape; the database's UTF-8 cannot hold it and
     * would keep a {@code ?}), or U+0000, which PostgreSQL cannot hold at all. The runtime refuses
     * the same text. The server checks it in every string argument of a request, whatever its
     * scalar ({@link GraphQlApi}).
     */
    static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "text that is not Unicode (half of a surrogate pair, without the other half)";
            } else if (c == 0) {
                return "text with U+0000, which cannot be stored";
            }
        }
        return null;
    }

    private static String scalarMisfit(String scalar, JsonNode value) {
        boolean fits = switch (scalar) {
            case "Int" -> value.isIntegralNumber() && value.canConvertToInt();
            case "Float" -> value.isNumber();
            case "Boolean" -> value.isBoolean();
            case "AWSTimestamp" -> value.isIntegralNumber() && value.canConvertToLong();
            // GraphQL writes a number or a boolean as text for a String or an ID
            case "String", "ID" -> value.isValueNode();
            default -> value.isTextual() && ScalarForms.isValid(scalar, value.asText()); // AWSJSON kept as its text too
        };
        return fits ? null : value + " is not a valid " + scalar;
    }

    /** The non-model type {@code type} names. */
    EmbeddedDef embedded(TypeRef type) {
        return embeddedTypes.get(type.name());
    }
}
