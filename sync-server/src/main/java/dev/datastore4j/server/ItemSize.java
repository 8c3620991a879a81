package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The size of a record as an item of AppSync's DynamoDB table, which holds items of at most 400 KB.
 * DynamoDB counts each attribute's name (UTF-8 bytes) and value: a string its UTF-8 bytes, a number
 * one byte per two significant digits and one more, a null or a boolean one byte, a list or map 3
 * bytes and, for each element, the element, one byte, and for a map the element's name. A record's
 * item holds its fields (a null field one byte), the attributes AppSync adds ({@code __typename},
 * {@code _version}, {@code _lastChangedAt}, and {@code _deleted} and {@code _ttl}, which a delete
 * adds, so that every record taken can also be deleted), and an attribute for each key whose sort
 * key has two or more fields, holding them joined by {@code #}. The local store counts alike.
 */
final class ItemSize {
    /** DynamoDB's most bytes in an item: 400 KB. */
    static final int MAX_BYTES = 400 * 1024;

    /**
     * What AppSync's attributes take beside the fields and the type's name: {@code _version} (up
     * to 10 digits: 6 bytes), {@code _lastChangedAt} (13: 8), {@code _deleted} (1), {@code _ttl}
     * (10: 6) and {@code __typename}'s name, each with its name.
     */
    private static final int METADATA_BYTES = "_version".length() + 6 + "_lastChangedAt".length() + 8
            + "_deleted".length() + 1 + "_ttl".length() + 6 + "__typename".length();

    private final ModelDef model;
    /** The sort keys of two or more fields, each one attribute. */
    private final List<List<String>> compositeSortKeys;

    ItemSize(ModelDef model) {
        this.model = model;
        Set<List<String>> sortKeys = new HashSet<>(); // an index may sort as the primary key does: one attribute
        if (model.primaryKey().size() > 2) {
            sortKeys.add(model.primaryKey().subList(1, model.primaryKey().size()));
        }
        for (IndexDef index : model.indexes()) {
            if (index.fields().size() > 2) {
                sortKeys.add(index.fields().subList(1, index.fields().size()));
            }
        }
        this.compositeSortKeys = List.copyOf(sortKeys);
    }

    /** Refuses {@code data}, a record of the model as the server stores it, when its item would pass 400 KB. */
    void check(JsonNode data) {
        long bytes = of(data);
        if (bytes > MAX_BYTES) {
            throw new ApiException("BadRequest", "the " + model.name() + " record takes " + bytes + " bytes as an item of"
                    + " AppSync's DynamoDB table, which holds at most " + MAX_BYTES + " (400 KB)", null);
        }
    }

    long of(JsonNode data) {
        long bytes = METADATA_BYTES + utf8(model.name());
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            bytes += utf8(field.getKey()) + value(field.getValue());
        }
        for (List<String> sortKey : compositeSortKeys) {
            bytes += compositeSortKey(sortKey, data);
        }
        return bytes;
    }

    /** The attribute of a sort key of {@code fields}: their names and their values joined by {@code #}; none without a value. */
    private static long compositeSortKey(List<String> fields, JsonNode data) {
        long bytes = 2L * (fields.size() - 1); // the #s of its name and of its value
        for (String field : fields) {
            JsonNode value = data.get(field);
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
