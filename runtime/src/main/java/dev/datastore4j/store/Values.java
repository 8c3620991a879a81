package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * How field values are stored: scalars in typed SQLite columns (text that sorts like the value
 * for temporal types), enums by name, non-model objects and lists as JSON text. The same JSON
 * form is used for outbox payloads.
 *
 * <p>AWSDateTime and AWSTimestamp columns hold UTC text with nanosecond precision, so that text
 * order is time order; an AWSDateTime saved with another offset reads back as the same instant
 * in UTC. In JSON an AWSTimestamp (whole seconds, as models require) is its integer of seconds,
 * as AppSync takes it; text written by earlier versions is still read.
 */
final class Values {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS");

    private Values() {}

    /** The SQLite column type for values of {@code type}. */
    static String sqlType(FieldType<?> type) {
        if (type instanceof FieldType.ScalarType<?> scalar) {
            return switch (scalar.scalar()) {
                case INT, BOOLEAN -> "INTEGER";
                case FLOAT -> "REAL";
                default -> "TEXT";
            };
        }
        return "TEXT";
    }

    /** The value bound to a statement parameter for {@code value} of {@code type}. */
    static Object toSql(FieldType<?> type, Object value) {
        if (value == null) {
            return null;
        }
        if (type instanceof FieldType.ScalarType<?> scalar) {
            return switch (scalar.scalar()) {
                case INT -> value;
                case FLOAT -> checked(scalar.scalar(), value);
                case BOOLEAN -> (Boolean) value ? 1 : 0;
                case AWS_DATE -> checked(scalar.scalar(), value).toString();
                case AWS_DATE_TIME -> UTC.format(((OffsetDateTime) checked(scalar.scalar(), value))
                        .withOffsetSameInstant(ZoneOffset.UTC));
                case AWS_TIMESTAMP -> UTC.format(((Instant) checked(scalar.scalar(), value)).atOffset(ZoneOffset.UTC));
                case AWS_TIME -> TIME.format((LocalTime) value);
                case AWS_URL -> value.toString();
                default -> wellFormed((String) value); // ID, String, AWSEmail, AWSJSON, AWSPhone, AWSIPAddress
            };
        }
        if (type instanceof FieldType.EnumType<?>) {
            return ((Enum<?>) value).name();
        }
        return toJson(type, value).toString();
    }

    /**
     * {@code value}, which must meet its scalar's rules (see {@link Scalar#problem}): SQLite would
     * bind a NaN as null, and dates and times are stored as text that sorts in time order only
     * while years have four digits ({@code LocalDate.MAX} would be {@code +999999999-12-31} and
     * sort first). Generated models refuse such values; this stops one that reaches a statement
     * another way, a query's operand: {@code ne(NaN)} would match nothing, nor would {@code
     * lt(LocalDate.MAX)}.
     */
    private static Object checked(Scalar scalar, Object value) {
        String problem = scalar.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(scalar.graphQlName() + " " + problem + ", not " + value);
        }
        return value;
    }

    /**
     * Text is kept exactly as given, or refused. UTF-8, in which it is stored and sent, has no form
     * for half of a surrogate pair (the driver would write a {@code ?} in its place; such text
     * comes from cutting a string between the two halves of an emoji, say), and PostgreSQL, where
     * the sync server may keep it, cannot hold the character U+0000.
     */
    private static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("text must be valid Unicode, but has half of a surrogate pair at index " + i);
            } else if (c == 0) {
                throw new IllegalArgumentException("text must not hold U+0000, which PostgreSQL cannot store,"
                        + " but has it at index " + i);
            }
        }
        return text;
    }

    /** The field value for a column value read back (as {@code getObject} returns it). */
    static Object fromSql(FieldType<?> type, Object column) {
        if (column == null) {
            return null;
        }
        if (type instanceof FieldType.ScalarType<?> scalar) {
            return switch (scalar.scalar()) {
                case INT -> ((Number) column).intValue();
                case FLOAT -> ((Number) column).doubleValue();
                case BOOLEAN -> ((Number) column).intValue() != 0;
                default -> fromText(scalar, column.toString());
            };
        }
        if (type instanceof FieldType.EnumType<?> enumType) {
            return enumType.valueOf(column.toString());
        }
        try {
            return fromJson(type, JSON.readTree(column.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON for a " + type.graphQlName() + " value is unreadable", e);
        }
    }

    private static Object fromText(FieldType.ScalarType<?> scalar, String text) {
        return switch (scalar.scalar()) {
            case AWS_DATE -> LocalDate.parse(text);
            case AWS_TIME -> LocalTime.parse(text);
            case AWS_DATE_TIME -> OffsetDateTime.parse(text);
            case AWS_TIMESTAMP -> Instant.parse(text);
            case AWS_URL -> URI.create(text);
            case INT -> Integer.valueOf(text);
            case FLOAT -> Double.valueOf(text);
            case BOOLEAN -> Boolean.valueOf(text);
            default -> text;
        };
    }

    /**
     * How many levels of lists and non-model objects one field's value may nest, as in AppSync's
     * DynamoDB tables: an attribute nests at most 32 levels, the attribute itself the first, so its
     * value may wrap a scalar in 31 lists and maps. A non-model type that holds itself can nest
     * without end; a value past this is refused when saved, before anything is written, rather than
     * kept where no server would take it (the sync server refuses it too).
     */
    private static final int MAX_NESTING = 31;

    /**
     * The JSON form of a value, as a mutation sends it: numbers and booleans as such, an
     * AWSTimestamp as its integer of seconds, everything else as text or structure.
     */
    static JsonNode toJson(FieldType<?> type, Object value) {
        return toJson(type, value, 1);
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toJson(FieldType<?> type, Object value, int depth) {
        if (value == null) {
            return NODES.nullNode();
        }
        boolean container = type instanceof FieldType.ListType<?> || type instanceof FieldType.EmbeddedType<?>;
        if (container && depth > MAX_NESTING) {
            throw new IllegalArgumentException("lists and non-model objects nest more than " + MAX_NESTING
                    + " levels deep, which AppSync's DynamoDB does not keep (an attribute nests at most 32 levels,"
                    + " itself the first)");
        }
        if (type instanceof FieldType.ListType<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<Object>) value) {
                array.add(toJson(list.element(), element, depth + 1));
            }
            return array;
        }
        if (type instanceof FieldType.EmbeddedType<?> embedded) {
            ObjectNode object = NODES.objectNode();
            for (ModelField<Object, ?> field : ((EmbeddedSchema<Object>) embedded.schema()).fields()) {
                object.set(field.name(), toJson(field.type(), field.get(value), depth + 1));
            }
            return object;
        }
        Object sql = toSql(type, value);
        if (type instanceof FieldType.ScalarType<?> scalar) {
            switch (scalar.scalar()) {
                case INT -> {
                    return NODES.numberNode((Integer) value);
                }
                case FLOAT -> {
                    return NODES.numberNode((Double) value);
                }
                case BOOLEAN -> {
                    return NODES.booleanNode((Boolean) value);
                }
                case AWS_TIMESTAMP -> {
                    return NODES.numberNode(((Instant) value).getEpochSecond()); // as AppSync takes it
                }
                default -> {
                    return NODES.textNode(sql.toString());
                }
            }
        }
        return NODES.textNode(sql.toString());
    }

    /** The value of {@code type} that {@link #toJson} gave {@code node}. */
    static Object fromJson(FieldType<?> type, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type instanceof FieldType.ListType<?> list) {
            List<Object> values = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                values.add(fromJson(list.element(), element));
            }
            return values;
        }
        if (type instanceof FieldType.EmbeddedType<?> embedded) {
            EmbeddedSchema<?> schema = embedded.schema();
            return schema.newInstance(new JsonFieldValues(node));
        }
        if (type instanceof FieldType.EnumType<?> enumType) {
            return enumType.valueOf(node.asText());
        }
        FieldType.ScalarType<?> scalar = (FieldType.ScalarType<?>) type;
        return switch (scalar.scalar()) {
            case INT -> node.isNumber() ? node.intValue() : Integer.valueOf(node.asText());
            case FLOAT -> node.isNumber() ? node.doubleValue() : Double.valueOf(node.asText());
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : Boolean.valueOf(node.asText());
            // seconds, or the text earlier versions stored
            case AWS_TIMESTAMP -> node.isNumber() ? Instant.ofEpochSecond(node.longValue()) : Instant.parse(node.asText());
            default -> fromText(scalar, node.asText());
        };
    }

    /** Field values read from a JSON object by field name. */
    record JsonFieldValues(JsonNode object) implements FieldValues {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(ModelField<?, T> field) {
            return (T) fromJson(field.type(), object.get(field.name()));
        }
    }
}
