package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.datastore4j.codegen.schema.FieldDef;
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
 *
 * <p>A read through a secondary index ({@code sparse}: an {@code @index}'s query field, a has-many
 * that names its index) finds only records holding every field of the index's sort key, as
 * DynamoDB's index holds no others (AppSync's index queries leave out a record whose sort key
 * field is null).
 */
record KeyQuery(Map<String, JsonNode> partition, List<String> sortFields, JsonNode condition, boolean descending,
        boolean sparse) {
    private static final Comparator<JsonNode> VALUE = (a, b) -> {
        boolean aNull = a == null || a.isNull();
        boolean bNull = b == null || b.isNull();
        if (aNull || bNull) {
            return Boolean.compare(!aNull, !bNull); // missing values first
        }
        return Filters.compare(a, b);
    };

    /** No key: every record, in record key order. */
    static final KeyQuery ALL = new KeyQuery(Map.of(), List.of(), null, false, false);

    KeyQuery {
        partition = Collections.unmodifiableMap(new LinkedHashMap<>(partition)); // in key order, as the index has them
        sortFields = List.copyOf(sortFields);
    }

    /**
     * The keys that reads by key go through, per model: its primary key when composite, every
     * index, and the foreign key of every has-many and has-one that points at it, followed by the
     * fields its children come sorted by (so usually one of the keys before).
     */
    static Map<String, Set<RecordStore.SortedKey>> readKeys(Schema schema) {
        Map<String, Set<RecordStore.SortedKey>> keys = new LinkedHashMap<>();
        for (ModelDef model : schema.models()) {
            Set<RecordStore.SortedKey> own = keys.computeIfAbsent(model.name(), name -> new LinkedHashSet<>());
            if (model.primaryKey().size() > 1) {
                own.add(sortedKey(model, model.primaryKey()));
            }
            model.indexes().forEach(index -> own.add(sortedKey(model, index.fields())));
        }
        for (ModelDef model : schema.models()) {
            for (FieldDef field : model.fields()) {
                Relation relation = field.relation();
                if (relation != null && !relation.foreignKeyOnThisModel() && !relation.foreignKeyFields().isEmpty()) {
                    ModelDef related = schema.model(relation.relatedModel()).orElseThrow();
                    List<String> key = new ArrayList<>(relation.foreignKeyFields());
                    key.addAll(related.childSortFields(relation));
                    keys.computeIfAbsent(related.name(), name -> new LinkedHashSet<>()).add(sortedKey(related, key));
                }
            }
        }
        return keys;
    }

    /**
     * What the store reads for this query: the records of its partition, through its key, in its
     * order, and only those whose first sort field lies in the range the condition allows (the
     * condition itself is checked on every record read: the range only spares reading records
     * that cannot match, such as the whole partition before a {@code ge}).
     */
    RecordStore.SortedScan sortedScan(ModelDef model) {
        List<String> key = new ArrayList<>(partition.keySet());
        key.addAll(sortFields);
        JsonNode from = null;
        JsonNode to = null;
        if (!sortFields.isEmpty() && condition != null && condition.isObject()) {
            for (Map.Entry<String, JsonNode> entry : condition.properties()) {
                JsonNode operand = entry.getValue();
                switch (entry.getKey()) {
                    case "eq" -> from = to = first(operand);
                    case "ge", "gt" -> from = first(operand);
                    case "le", "lt" -> to = first(operand);
                    case "between" -> {
                        from = operand != null && operand.size() == 2 ? first(operand.get(0)) : null;
                        to = operand != null && operand.size() == 2 ? first(operand.get(1)) : null;
                    }
                    case "beginsWith" -> {
                        if (operand != null && operand.isObject() && sortFields.stream().filter(operand::has).count() > 1) {
                            from = to = first(operand); // the first field compares equal; a later one begins with
                        } else {
                            from = first(operand);
                            to = from == null ? null : afterPrefix(from.asText());
                        }
                    }
                    default -> { } // refused by matches
                }
            }
        }
        return new RecordStore.SortedScan(sortedKey(model, key), List.copyOf(partition.values()), from, to, descending);
    }

    /** The operand's value for the first sort field; null when it gives none. */
    private JsonNode first(JsonNode operand) {
        JsonNode value = operand != null && operand.isObject() ? operand.get(sortFields.get(0)) : operand;
        return value == null || value.isNull() ? null : value;
    }

    /**
     * A string after every string that begins with {@code prefix} (in code point order): the
     * prefix with its last code point raised by one. Null when there is none to raise.
     */
    private static JsonNode afterPrefix(String prefix) {
        int[] points = prefix.codePoints().toArray();
        for (int i = points.length - 1; i >= 0; i--) {
            if (points[i] < Character.MAX_CODE_POINT) {
                int raised = points[i] + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : points[i] + 1;
                points[i] = raised;
                return TextNode.valueOf(new String(points, 0, i + 1));
            }
        }
        return null;
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

    /** Whether the index this query reads holds {@code stored}, a record as stored: see {@code sparse}. */
    boolean indexes(JsonNode stored) {
        return !sparse || sortFields.stream().allMatch(stored::hasNonNull);
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

    /** This query as its nextTokens are bound to it: partition key values, sort fields, condition and direction. */
    String scope() {
        ObjectNode json = ProtocolJson.JSON.createObjectNode();
        json.set("p", ProtocolJson.JSON.valueToTree(partition));
        json.set("s", ProtocolJson.JSON.valueToTree(sortFields));
        json.set("c", condition);
        return json.put("d", descending).toString();
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
        throw PageTokens.invalid(); // a token of another query of the same kind
    }
}
