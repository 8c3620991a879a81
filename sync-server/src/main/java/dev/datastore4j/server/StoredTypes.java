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
 * whose type no server has checked yet.
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
        if (value == null || value.isNull()) {
            return null;
        }
        if (!type.list()) {
            return misfitOne(type, value);
        }
        if (!value.isArray()) {
            return value + " is not a list";
        }
        for (JsonNode element : value) {
            String problem = element.isNull() ? (type.elementRequired() ? "a list holding null" : null)
                    : misfitOne(type, element);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String misfitOne(TypeRef type, JsonNode value) {
        return switch (type.kind()) {
            case ENUM -> value.isTextual() && enumValues.get(type.name()).contains(value.asText()) ? null
                    : value + " is not a value of " + type.name();
            case EMBEDDED -> {
                if (!value.isObject()) {
                    yield value + " is not an object of " + type.name();
                }
                for (FieldDef inner : embedded(type).fields()) {
                    String problem = misfit(inner.type(), value.get(inner.name()));
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            default -> scalarMisfit(type.name(), value);
        };
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
