package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.Schema;
import java.util.ArrayList;
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
        partition = Map.copyOf(partition);
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
     * The fields that reads by key look records up by, per model: the partition key of every
     * index and of a composite primary key, and the foreign key of every has-many and has-one.
     */
    static Map<String, Set<String>> lookupFields(Schema schema) {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (ModelDef model : schema.models()) {
            Set<String> own = fields.computeIfAbsent(model.name(), name -> new LinkedHashSet<>());
            model.indexes().forEach(index -> own.add(index.fields().get(0)));
            if (model.primaryKey().size() > 1) {
                own.add(model.primaryKey().get(0));
            }
            for (FieldDef field : model.fields()) {
                Relation relation = field.relation();
                if (relation != null && !relation.foreignKeyOnThisModel() && !relation.foreignKeyFields().isEmpty()) {
                    fields.computeIfAbsent(relation.relatedModel(), name -> new LinkedHashSet<>())
                            .add(relation.foreignKeyFields().get(0));
                }
            }
        }
        return fields;
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

    /** Where a record stands in the order: its sort key values and its key, as stored in a nextToken. */
    ObjectNode position(StoredRecord record) {
        ObjectNode position = ProtocolJson.JSON.createObjectNode();
        ArrayNode values = position.putArray("v");
        sortFields.forEach(field -> values.add(record.data().path(field)));
        return position.put("k", record.key());
    }

    /** The order of positions, ascending or descending as asked. */
    Comparator<ObjectNode> order() {
        Comparator<ObjectNode> ascending = (a, b) -> {
            for (int i = 0; i < sortFields.size(); i++) {
                int order = VALUE.compare(a.get("v").get(i), b.get("v").get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Filters.compareText(a.get("k").asText(), b.get("k").asText());
        };
        return descending ? ascending.reversed() : ascending;
    }
}
