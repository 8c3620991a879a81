package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.codegen.schema.EmbeddedDef;
import dev.datastore4j.codegen.schema.EnumDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ScalarForms;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Whether stored values still fit the types the schema gives their fields: a schema that drops an
 * enum value, or turns a {@code String} into an {@code AWSDate}, would otherwise be served over
 * records holding values of the old type, and every read of them would fail (or hand typed clients
 * a value they cannot read). {@link StoredRecordsCheck} runs these checks at start for each field
 * whose type no server has checked yet.
 */
final class StoredTypes {
    private StoredTypes() {}

    /**
     * What a server remembers once a field's stored values were found to fit its type: the
     * field's name and a digest of the type, enum values and the fields of non-model types
     * included, so that any change to them is checked again.
     */
    static String checkedEntry(Schema schema, FieldDef field) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(signature(schema, field.type(), new HashSet<>()).getBytes(StandardCharsets.UTF_8));
            return field.name() + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String signature(Schema schema, TypeRef type, Set<String> enclosing) {
        String named = switch (type.kind()) {
            case ENUM -> type.name() + enumDef(schema, type).values();
            case EMBEDDED -> {
                if (!enclosing.add(type.name())) {
                    yield type.name(); // a non-model type inside itself
                }
                StringBuilder fields = new StringBuilder(type.name()).append('{');
                for (FieldDef inner : embedded(schema, type).fields()) {
                    fields.append(inner.name()).append(':').append(signature(schema, inner.type(), enclosing)).append(' ');
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
    static String misfit(Schema schema, TypeRef type, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!type.list()) {
            return misfitOne(schema, type, value);
        }
        if (!value.isArray()) {
            return value + " is not a list";
        }
        for (JsonNode element : value) {
            String problem = element.isNull() ? (type.elementRequired() ? "a list holding null" : null)
                    : misfitOne(schema, type, element);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String misfitOne(Schema schema, TypeRef type, JsonNode value) {
        return switch (type.kind()) {
            case ENUM -> value.isTextual() && enumDef(schema, type).values().contains(value.asText()) ? null
                    : value + " is not a value of " + type.name();
            case EMBEDDED -> {
                if (!value.isObject()) {
                    yield value + " is not an object of " + type.name();
                }
                for (FieldDef inner : embedded(schema, type).fields()) {
                    String problem = misfit(schema, inner.type(), value.get(inner.name()));
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

    private static EnumDef enumDef(Schema schema, TypeRef type) {
        return schema.enums().stream().filter(e -> e.name().equals(type.name())).findFirst().orElseThrow();
    }

    /** The non-model type {@code type} names. */
    static EmbeddedDef embedded(Schema schema, TypeRef type) {
        return schema.embeddedTypes().stream().filter(e -> e.name().equals(type.name())).findFirst().orElseThrow();
    }
}
