package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The size of a record as an item of AppSync's DynamoDB table, which holds items of at most 400
 * KB, counted as the sync server counts it (its {@code ItemSize}): each attribute's name (UTF-8
 * bytes) and value, a string its UTF-8 bytes, a number one byte per two significant digits and one
 * more, a null or a boolean one byte, a list or map 3 bytes and, for each element, the element, one
 * byte, and for a map the element's name. An item holds the record's fields (the timestamps the
 * server sets, where not set yet, as it writes them), the attributes AppSync adds ({@code
 * __typename}, {@code _version}, {@code _lastChangedAt}, and {@code _deleted} and {@code _ttl},
 * which a delete adds), and an attribute for each key whose sort key has two or more fields,
 * holding them joined by {@code #}. An owner field the server fills in is not counted here.
 */
final class ItemSize<M extends Model> {
    /** DynamoDB's most bytes in an item: 400 KB. */
    static final int MAX_BYTES = 400 * 1024;

    /**
     * What AppSync's attributes take beside the fields and the type's name: {@code _version} (up
     * to 10 digits: 6 bytes), {@code _lastChangedAt} (13: 8), {@code _deleted} (1), {@code _ttl}
     * (10: 6) and {@code __typename}'s name, each with its name.
     */
    private static final int METADATA_BYTES = "_version".length() + 6 + "_lastChangedAt".length() + 8
            + "_deleted".length() + 1 + "_ttl".length() + 6 + "__typename".length();
    /** An AWSDateTime as the server writes it: {@code 2026-01-31T07:30:00.000Z}. */
    private static final int TIMESTAMP_BYTES = 24;

    private final ModelSchema<M> schema;
    /** The sort keys of two or more fields, each one attribute. */
    private final List<List<String>> compositeSortKeys;
    /** The most a record's JSON may hold, in UTF-16 units, for its item to be surely within the limit. */
    private final long surelyWithin;

    ItemSize(ModelSchema<M> schema) {
        this.schema = schema;
        Set<List<String>> sortKeys = new HashSet<>(); // an index may sort as the primary key does: one attribute
        List<String> primaryKey = schema.primaryKey().stream().map(ModelField::name).toList();
        if (primaryKey.size() > 2) {
            sortKeys.add(primaryKey.subList(1, primaryKey.size()));
        }
        for (IndexInfo index : schema.indexes()) {
            if (index.fields().size() > 2) {
                sortKeys.add(index.fields().subList(1, index.fields().size()));
            }
        }
        this.compositeSortKeys = List.copyOf(sortKeys);
        // a JSON text of n UTF-16 units is an item of at most 3n bytes (a unit is at most 3 UTF-8
        // bytes, and each quote, comma, colon or bracket at least covers what DynamoDB adds for it),
        // and each composite sort key repeats some of it
        long overhead = METADATA_BYTES + 3L * schema.name().length();
        this.surelyWithin = (MAX_BYTES - overhead) / (3L * (1 + compositeSortKeys.size()));
    }

    /**
     * Refuses {@code record}, the JSON of a model to be saved ({@code text} its text), when its item
     * would pass 400 KB. Records far below that, as nearly all are, are told by their text's length.
     */
    void check(ObjectNode record, String text) {
        if (text.length() <= surelyWithin) {
            return;
        }
        long bytes = of(record);
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("the " + schema.name() + " record takes " + bytes + " bytes as an item of"
                    + " AppSync's DynamoDB table, which holds at most " + MAX_BYTES + " (400 KB)");
        }
    }

    long of(ObjectNode record) {
        long bytes = METADATA_BYTES + utf8(schema.name());
        for (Map.Entry<String, JsonNode> field : record.properties()) {
            JsonNode value = field.getValue();
            boolean setByServer = value.isNull() && schema.field(field.getKey()).isReadOnly();
            bytes += utf8(field.getKey()) + (setByServer ? TIMESTAMP_BYTES : value(value));
        }
        for (List<String> sortKey : compositeSortKeys) {
            bytes += compositeSortKey(sortKey, record);
        }
        return bytes;
    }

    /** The attribute of a sort key of {@code fields}: their names and their values joined by {@code #}; none without a value. */
    private static long compositeSortKey(List<String> fields, JsonNode record) {
        long bytes = 2L * (fields.size() - 1); // the #s of its name and of its value
        for (String field : fields) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                return 0;
            }
            bytes += utf8(field) + utf8(value.asText());
        }
        return bytes;
    }

    private static long value(JsonNode value) {
        if (value.isTextual()) {
            return utf8(value.textValue());
        }
        if (value.isNumber()) {
            // significant digits, leading and trailing zeros trimmed; 0 has one
            int digits = new BigDecimal(value.asText()).stripTrailingZeros().precision();
            return (digits + 1) / 2 + 1;
        }
        long bytes = 3;
        if (value.isArray()) {
            for (JsonNode element : value) {
                bytes += value(element) + 1;
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                bytes += utf8(entry.getKey()) + value(entry.getValue()) + 1;
            }
        } else {
            return 1; // null, boolean
        }
        return bytes;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
