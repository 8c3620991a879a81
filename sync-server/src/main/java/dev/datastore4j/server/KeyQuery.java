package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read by key, as DynamoDB's Query does it: records whose partition key fields equal the given
 * values, whose sort key fields meet a key condition, ordered by the sort key fields (then by
 * record key, so the order is total) ascending or descending.
 *
 * <p>A condition on one sort key field uses that field's {@code ModelStringKeyConditionInput}
 * and kin; on several it uses the composite input, whose fields are compared in order as a tuple
 * ({@code beginsWith} requires the earlier fields to be equal and the last given one to start
 * with its value). Only the leading fields an operand gives take part, so {@code {ge: {a: 1}}}
 * compares {@code a} alone.
 */
record KeyQuery(Map<String, JsonNode> partition, List<String> sortFields, JsonNode condition, boolean descending) {
    private static final Comparator<JsonNode> VALUE = (a, b) -> {
        boolean aNull = a == null || a.isNull();
        boolean bNull = b == null || b.isNull();
        if (aNull || bNull) {
            return Boolean.compare(!aNull, !bNull); // missing values first
        }
        return Filters.compare(a, b);
    };

    /** No key: every record, in record key order. */
    static final KeyQuery ALL = new KeyQuery(Map.of(), List.of(), null, false);

    KeyQuery {
        partition = Collections.unmodifiableMap(new LinkedHashMap<>(partition)); // in key order, as the index has them
        sortFields = List.copyOf(sortFields);
    }

    /**
     * The sort key fields that follow {@code leading} in the model's primary key or in one of its
     * indexes, for reads that fix {@code leading} (a has-many's foreign key, a list's partition
     * key); empty when no key starts with them.
     */
    static List<String> sortFieldsAfter(ModelDef model, List<String> leading) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(model.primaryKey());
        model.indexes().stream().map(IndexDef::fields).forEach(keys::add);
        for (List<String> key : keys) {
            if (key.size() > leading.size() && key.subList(0, leading.size()).equals(leading)) {
                return key.subList(leading.size(), key.size());
            }
        }
        return List.of();
    }

    /**
     * The fields that unsorted reads by key look records up by, per model: the field of every
     * index of one field, and the foreign key of every has-many and has-one whose children have
     * no key that goes on from it (those read through {@link #sortedKeys}).
     */
    static Map<String, Set<String>> lookupFields(Schema schema) {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (ModelDef model : schema.models()) {
            Set<String> own = fields.computeIfAbsent(model.name(), name -> new LinkedHashSet<>());
            model.indexes().stream().filter(index -> index.fields().size() == 1).forEach(index -> own.add(index.fields().get(0)));
            for (FieldDef field : model.fields()) {
                Relation relation = field.relation();
                if (relation != null && !relation.foreignKeyOnThisModel() && !relation.foreignKeyFields().isEmpty()
                        && sortFieldsAfter(schema.model(relation.relatedModel()).orElseThrow(), relation.foreignKeyFields()).isEmpty()) {
                    fields.computeIfAbsent(relation.relatedModel(), name -> new LinkedHashSet<>())
                            .add(relation.foreignKeyFields().get(0));
                }
            }
        }
        return fields;
    }

    /** The keys of {@code model} that sorted reads go through: a composite primary key, and every index with sort key fields. */
    static List<RecordStore.SortedKey> sortedKeys(ModelDef model) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(model.primaryKey());
        model.indexes().stream().map(IndexDef::fields).forEach(keys::add);
        return keys.stream().filter(key -> key.size() > 1).distinct().map(key -> sortedKey(model, key)).toList();
    }

    /** The key this query reads through: its partition fields, then its sort fields. */
    RecordStore.SortedKey sortedKey(ModelDef model) {
        List<String> key = new ArrayList<>(partition.keySet());
        key.addAll(sortFields);
        return sortedKey(model, key);
    }

    private static RecordStore.SortedKey sortedKey(ModelDef model, List<String> fields) {
        return new RecordStore.SortedKey(fields.stream().map(name -> new RecordStore.KeyField(name, valueType(model, name))).toList());
    }

    private static RecordStore.ValueType valueType(ModelDef model, String field) {
        TypeRef type = model.field(field).orElseThrow(() -> new IllegalArgumentException(model.name() + " has no field " + field))
                .type();
        if (type.kind() != TypeRef.Kind.SCALAR) {
            return RecordStore.ValueType.TEXT; // an enum
        }
        return switch (type.name()) {
            case "Int", "Float", "AWSTimestamp" -> RecordStore.ValueType.NUMBER;
            case "Boolean" -> RecordStore.ValueType.BOOLEAN;
            default -> RecordStore.ValueType.TEXT;
        };
    }

    boolean matches(JsonNode record) {
        for (Map.Entry<String, JsonNode> entry : partition.entrySet()) {
            JsonNode value = record.get(entry.getKey());
            if (value == null || value.isNull() || Filters.compare(value, entry.getValue()) != 0) {
                return false;
            }
        }
        if (condition == null || condition.isNull()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> entry : condition.properties()) {
            JsonNode operand = entry.getValue();
            if (operand == null || operand.isNull()) {
                continue;
            }
            boolean ok = switch (entry.getKey()) {
                case "eq" -> compare(record, operand) == 0;
                case "lt" -> compare(record, operand) < 0;
                case "le" -> compare(record, operand) <= 0;
                case "gt" -> compare(record, operand) > 0;
                case "ge" -> compare(record, operand) >= 0;
                case "between" -> operand.size() == 2 && compare(record, operand.get(0)) >= 0
                        && compare(record, operand.get(1)) <= 0;
                case "beginsWith" -> beginsWith(record, operand);
                default -> throw new ApiException("BadRequest", "unknown key condition: " + entry.getKey(), null);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The record's sort key (one field) or tuple (several), compared with an operand of the same shape. */
    private int compare(JsonNode record, JsonNode operand) {
        if (!operand.isObject()) {
            return VALUE.compare(record.get(sortFields.get(0)), operand);
        }
        for (String field : sortFields) {
            if (!operand.has(field)) {
                break;
            }
            int order = VALUE.compare(record.get(field), operand.get(field));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private boolean beginsWith(JsonNode record, JsonNode operand) {
        if (!operand.isObject()) {
            JsonNode value = record.get(sortFields.get(0));
            return value != null && !value.isNull() && value.asText().startsWith(operand.asText());
        }
        List<String> given = sortFields.stream().filter(operand::has).toList();
        for (int i = 0; i < given.size(); i++) {
            JsonNode value = record.get(given.get(i));
            JsonNode expected = operand.get(given.get(i));
            boolean ok = i < given.size() - 1 ? VALUE.compare(value, expected) == 0
                    : value != null && !value.isNull() && value.asText().startsWith(expected.asText());
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Where a record stands in the order: its sort key values (null when missing) and its key. */
    RecordStore.Position position(StoredRecord record) {
        List<JsonNode> values = new ArrayList<>();
        for (String field : sortFields) {
            JsonNode value = record.data().get(field);
            values.add(value == null ? NullNode.getInstance() : value);
        }
        return new RecordStore.Position(values, record.key());
    }

    /** A position as a nextToken keeps it. */
    static String encode(RecordStore.Position position) {
        ObjectNode json = ProtocolJson.JSON.createObjectNode();
        ArrayNode values = json.putArray("v");
        position.values().forEach(values::add);
        return json.put("k", position.key()).toString();
    }

    /** A position from a nextToken of this query: as many values as it has sort fields, each a JSON scalar or null. */
    RecordStore.Position position(String encoded) {
        try {
            JsonNode json = ProtocolJson.JSON.readTree(encoded);
            JsonNode values = json.get("v");
            JsonNode key = json.get("k");
            if (values != null && values.isArray() && values.size() == sortFields.size() && key != null && key.isTextual()) {
                List<JsonNode> list = new ArrayList<>();
                values.forEach(list::add);
                if (list.stream().allMatch(JsonNode::isValueNode)) {
                    return new RecordStore.Position(list, key.asText());
                }
            }
        } catch (Exception e) {
            // reported below, as any other malformed token
        }
        throw new ApiException("BadRequest", "invalid nextToken", null);
    }
}
