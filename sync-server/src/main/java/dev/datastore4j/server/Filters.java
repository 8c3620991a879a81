package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * AppSync filter and condition inputs, evaluated against a record's JSON: per field {@code eq ne
 * le lt ge gt contains notContains between beginsWith attributeExists attributeType size}, and
 * {@code in notIn} of subscription filters, combined with {@code and}, {@code or} and {@code not}.
 * A missing value matches only {@code ne}, {@code notContains}, {@code notIn} and
 * {@code attributeExists: false}, as in DynamoDB.
 */
final class Filters {
    /**
     * The most conditions a filter or condition may hold (each operator of a field, and each
     * {@code and}, {@code or} and {@code not}), as a DynamoDB expression, which AppSync turns
     * them into, holds at most 300 operators. Every record a page reads, and every change a
     * subscription hears of, is tested against each: ten thousand {@code contains} took five
     * seconds of CPU for one page of a thousand records.
     */
    static final int MAX_CONDITIONS = 300;

    private Filters() {}

    /** Refuses {@code filter}, the argument named {@code argument}, with {@code BadRequest} when it holds too many conditions. */
    static void checkSize(JsonNode filter, String argument) {
        int conditions = conditions(filter);
        if (conditions > MAX_CONDITIONS) {
            throw new ApiException("BadRequest", argument + " holds " + conditions + " conditions; at most " + MAX_CONDITIONS
                    + " are taken, as in a DynamoDB expression", null);
        }
    }

    private static int conditions(JsonNode filter) {
        int count = 0;
        if (filter != null) {
            for (Map.Entry<String, JsonNode> entry : filter.properties()) {
                JsonNode value = entry.getValue();
                switch (entry.getKey()) {
                    case "and", "or" -> {
                        count++;
                        for (JsonNode one : value) {
                            count += conditions(one);
                        }
                    }
                    case "not" -> count += 1 + conditions(value);
                    default -> {
                        for (JsonNode operand : value) {
                            count += operand.isNull() ? 0 : 1;
                        }
                    }
                }
            }
        }
        return count;
    }

    /** Whether {@code record} matches {@code filter}; a null or empty filter matches everything. */
    static boolean matches(JsonNode filter, JsonNode record) {
        if (filter == null || filter.isNull()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> entry : filter.properties()) {
            JsonNode value = entry.getValue();
            boolean ok = switch (entry.getKey()) {
                case "and" -> all(value, record);
                case "or" -> any(value, record);
                case "not" -> value == null || value.isNull() || !matches(value, record);
                default -> field(value, record.get(entry.getKey()));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean all(JsonNode filters, JsonNode record) {
        if (filters == null || filters.isNull()) {
            return true;
        }
        for (JsonNode filter : filters) {
            if (!matches(filter, record)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(JsonNode filters, JsonNode record) {
        if (filters == null || filters.isNull() || filters.isEmpty()) {
            return true;
        }
        for (JsonNode filter : filters) {
            if (matches(filter, record)) {
                return true;
            }
        }
        return false;
    }

    private static boolean field(JsonNode operators, JsonNode value) {
        if (operators == null || operators.isNull()) {
            return true;
        }
        boolean missing = value == null || value.isNull();
        for (Map.Entry<String, JsonNode> entry : operators.properties()) {
            JsonNode operand = entry.getValue();
            if (operand == null || operand.isNull()) {
                continue;
            }
            boolean ok = switch (entry.getKey()) {
                case "attributeExists" -> operand.asBoolean() != missing;
                case "attributeType" -> attributeType(value, operand.asText());
                case "ne" -> missing || compare(value, operand) != 0;
                case "notContains" -> missing || !contains(value, operand);
                case "notIn" -> missing || !in(value, operand);
                default -> !missing && test(entry.getKey(), value, operand);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean test(String operator, JsonNode value, JsonNode operand) {
        return switch (operator) {
            case "eq" -> compare(value, operand) == 0;
            case "lt" -> compare(value, operand) < 0;
            case "le" -> compare(value, operand) <= 0;
            case "gt" -> compare(value, operand) > 0;
            case "ge" -> compare(value, operand) >= 0;
            case "between" -> operand.size() == 2 && compare(value, operand.get(0)) >= 0 && compare(value, operand.get(1)) <= 0;
            case "beginsWith" -> value.asText().startsWith(operand.asText());
            case "contains" -> contains(value, operand);
            case "in" -> in(value, operand);
            case "size" -> (value.isTextual() || value.isArray()) && field(operand, IntNode.valueOf(size(value)));
            default -> throw new IllegalArgumentException("unknown filter operator: " + operator);
        };
    }

    /**
     * DynamoDB's attribute_type() for a JSON value: {@code _null} is a field set to null, and the
     * binary and set types never match; a field the record does not have has no type.
     */
    private static boolean attributeType(JsonNode value, String type) {
        if (value == null) {
            return false;
        }
        return switch (type) {
            case "_null" -> value.isNull();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "bool" -> value.isBoolean();
            case "list" -> value.isArray();
            case "map" -> value.isObject();
            default -> false;
        };
    }

    /** Whether {@code value} equals one of {@code candidates} (subscription filters' {@code in}). */
    private static boolean in(JsonNode value, JsonNode candidates) {
        for (JsonNode candidate : candidates) {
            if (!candidate.isNull() && compare(value, candidate) == 0) {
                return true;
            }
        }
        return false;
    }

    /** DynamoDB's size(): a string's length in UTF-8 bytes, a list's number of elements. */
    private static int size(JsonNode value) {
        return value.isArray() ? value.size() : value.asText().getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean contains(JsonNode value, JsonNode operand) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (compare(element, operand) == 0) {
                    return true;
                }
            }
            return false;
        }
        return value.asText().contains(operand.asText());
    }

    /**
     * Numbers by value, in which {@code -0.0} is {@code 0.0} as in DynamoDB's numbers and in the
     * local store's SQL ({@link Double#compare} would put it first); booleans by value; everything
     * else as text.
     */
    static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return x < y ? -1 : x > y ? 1 : 0; // JSON has no NaN
        }
        if (a.isBoolean() && b.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        return compareText(a.asText(), b.asText());
    }

    /**
     * Strings in code point order, as DynamoDB (which orders by UTF-8 bytes) and the stores' key
     * columns do; {@link String#compareTo} orders by UTF-16 unit, which puts an emoji before
     * U+E000 to U+FFFF.
     */
    static int compareText(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length()) { // equal code points so far take equal lengths
            int x = a.codePointAt(i);
            int y = b.codePointAt(i);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
        }
        return Integer.compare(a.length() - i, b.length() - i);
    }
}
