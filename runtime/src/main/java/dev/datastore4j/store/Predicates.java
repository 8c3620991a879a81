package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.query.Comparison;
import dev.datastore4j.query.Operator;
import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.query.SortBy;
import java.time.Instant;
import java.util.List;

/**
 * Typed predicates as SQL (every value a bound parameter, never text in the statement) and as
 * AppSync condition JSON for the outbox. The SQL keeps {@link QueryPredicate#test}'s semantics:
 * a missing value matches only {@code ne} and {@code notContains}. Every comparison is guarded
 * with {@code IS NOT NULL} so it is true or false, never SQL's unknown, and {@code NOT} means
 * what it means in Java.
 */
final class Predicates {
    /** The most comparisons, ands, ors and nots a condition may hold: a DynamoDB expression's 300 operators. */
    private static final int MAX_CONDITIONS = 300;

    private Predicates() {}

    /** A WHERE clause for {@code predicate}; its parameters are appended to {@code parameters}. */
    static String where(QueryPredicate<?> predicate, List<Object> parameters) {
        if (predicate instanceof QueryPredicate.All<?>) {
            return "1";
        }
        if (predicate instanceof QueryPredicate.And<?> and) {
            return group(and.operands(), " AND ", parameters);
        }
        if (predicate instanceof QueryPredicate.Or<?> or) {
            return group(or.operands(), " OR ", parameters);
        }
        if (predicate instanceof QueryPredicate.Not<?> not) {
            return "NOT (" + where(not.operand(), parameters) + ")";
        }
        return comparison((Comparison<?>) predicate, parameters);
    }

    private static String group(List<? extends QueryPredicate<?>> operands, String joiner, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < operands.size(); i++) {
            sql.append(i == 0 ? "" : joiner).append(where(operands.get(i), parameters));
        }
        return sql.append(')').toString();
    }

    private static String comparison(Comparison<?> comparison, List<Object> parameters) {
        ModelField<?, ?> field = comparison.field();
        String column = Tables.quote(field.name());
        Object operand = comparison.operand();
        FieldType<?> type = field.type();
        switch (comparison.operator()) {
            case ATTRIBUTE_EXISTS -> {
                return column + ((Boolean) operand ? " IS NOT NULL" : " IS NULL");
            }
            case BETWEEN -> {
                List<?> bounds = (List<?>) operand;
                parameters.add(Values.toSql(type, bounds.get(0)));
                parameters.add(Values.toSql(type, bounds.get(1)));
                return "(" + column + " IS NOT NULL AND " + column + " BETWEEN ? AND ?)";
            }
            case BEGINS_WITH -> {
                String prefix = operand.toString();
                parameters.add(prefix.codePointCount(0, prefix.length())); // substr counts characters, not UTF-16 units
                parameters.add(prefix);
                return "(" + column + " IS NOT NULL AND substr(" + column + ", 1, ?) = ?)";
            }
            case CONTAINS, NOT_CONTAINS -> {
                String test;
                if (type instanceof FieldType.ListType<?> list) {
                    parameters.add(elementValue(Values.toJson(list.element(), operand)));
                    test = "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE value = ?)";
                } else {
                    parameters.add(operand.toString());
                    test = "instr(" + column + ", ?) > 0";
                }
                return comparison.operator() == Operator.CONTAINS ? "(" + column + " IS NOT NULL AND " + test + ")"
                        : "(" + column + " IS NULL OR NOT " + test + ")";
            }
            default -> {
                parameters.add(Values.toSql(type, operand));
                String op = switch (comparison.operator()) {
                    case EQ -> "=";
                    case NE -> "<>";
                    case LT -> "<";
                    case LE -> "<=";
                    case GT -> ">";
                    case GE -> ">=";
                    default -> throw new AssertionError(comparison.operator());
                };
                String test = column + " " + op + " ?";
                return comparison.operator() == Operator.NE ? "(" + column + " IS NULL OR " + test + ")"
                        : "(" + column + " IS NOT NULL AND " + test + ")";
            }
        }
    }

    /**
     * What {@code json_each} gives for a list element of this JSON form: text decoded, numbers as
     * numbers, booleans as 1 and 0, a non-model object as its JSON text. Scalars are compared by
     * value, not as JSON text: SQLite and Jackson escape some characters differently (U+001F with
     * lower-case and with upper-case hex digits).
     */
    private static Object elementValue(JsonNode element) {
        if (element.isTextual()) {
            return element.textValue();
        }
        if (element.isBoolean()) {
            return element.booleanValue() ? 1 : 0;
        }
        if (element.isIntegralNumber()) {
            return element.longValue();
        }
        return element.isNumber() ? (Object) element.doubleValue() : element.toString();
    }

    /** ORDER BY terms; the primary key follows so that pages are stable. */
    static String orderBy(List<? extends SortBy<?>> sort, List<? extends ModelField<?, ?>> primaryKey) {
        StringBuilder sql = new StringBuilder();
        for (SortBy<?> by : sort) {
            sql.append(sql.length() == 0 ? "" : ", ").append(Tables.quote(by.field().name()))
                    .append(by.direction() == SortBy.Direction.ASCENDING ? " ASC" : " DESC");
        }
        for (ModelField<?, ?> key : primaryKey) {
            sql.append(sql.length() == 0 ? "" : ", ").append(Tables.quote(key.name())).append(" ASC");
        }
        return sql.toString();
    }

    /**
     * The predicate as {@code schema}'s AppSync condition input ({@code {"and": [{"rating": {"gt":
     * 3}}]}}); null for {@code all()}. A field that input does not have is refused: a field of the
     * key (the key names the record the mutation writes) or one holding a non-model object, and
     * so is one of more than {@value #MAX_CONDITIONS} comparisons, ands, ors and nots, a {@code
     * contains} on a list of numbers or booleans, and an AWSTimestamp beyond a 32-bit {@code Int}
     * of seconds. Queued, such a condition would be refused by the server every time it was sent.
     */
    static JsonNode condition(ModelSchema<?> schema, QueryPredicate<?> predicate) {
        if (predicate instanceof QueryPredicate.All<?>) {
            return null;
        }
        int size = size(predicate);
        if (size > MAX_CONDITIONS) {
            throw new IllegalArgumentException("a condition holds at most " + MAX_CONDITIONS + " comparisons, ands, ors and"
                    + " nots, as in a DynamoDB expression (the sync server and AppSync refuse more); this one holds " + size);
        }
        return conditionNode(schema, predicate);
    }

    /** What AppSync, and the sync server, count against {@link #MAX_CONDITIONS}: each comparison, and, or and not. */
    private static int size(QueryPredicate<?> predicate) {
        if (predicate instanceof QueryPredicate.And<?> and) {
            return 1 + and.operands().stream().mapToInt(Predicates::size).sum();
        } else if (predicate instanceof QueryPredicate.Or<?> or) {
            return 1 + or.operands().stream().mapToInt(Predicates::size).sum();
        } else if (predicate instanceof QueryPredicate.Not<?> not) {
            return 1 + size(not.operand());
        }
        return 1;
    }

    private static JsonNode conditionNode(ModelSchema<?> schema, QueryPredicate<?> predicate) {
        ObjectNode node = Values.JSON.createObjectNode();
        if (predicate instanceof QueryPredicate.And<?> and) {
            ArrayNode operands = node.putArray("and");
            and.operands().forEach(p -> operands.add(conditionNode(schema, p)));
        } else if (predicate instanceof QueryPredicate.Or<?> or) {
            ArrayNode operands = node.putArray("or");
            or.operands().forEach(p -> operands.add(conditionNode(schema, p)));
        } else if (predicate instanceof QueryPredicate.Not<?> not) {
            node.set("not", conditionNode(schema, not.operand()));
        } else {
            Comparison<?> comparison = (Comparison<?>) predicate;
            ModelField<?, ?> field = comparison.field();
            FieldType<?> operandType = field.type() instanceof FieldType.ListType<?> list ? list.element() : field.type();
            String refused = schema.primaryKey().contains(field) ? "it is part of the key, which names the record written"
                    : operandType instanceof FieldType.EmbeddedType<?> ? "it holds a non-model object" : null;
            if (refused != null) {
                throw new IllegalArgumentException(schema.name() + "." + field.name() + " cannot be in a condition: "
                        + refused + " (AppSync's condition input has no such field)");
            }
            boolean containment = comparison.operator() == Operator.CONTAINS || comparison.operator() == Operator.NOT_CONTAINS;
            if (containment && operandType instanceof FieldType.ScalarType<?> scalar && isNumberOrBoolean(scalar.scalar())) {
                throw new IllegalArgumentException(schema.name() + "." + field.name() + " cannot be in a condition with "
                        + comparison.operator().graphQlName() + ": AppSync filters a list of " + scalar.scalar().graphQlName()
                        + " with the input of one " + scalar.scalar().graphQlName() + ", which has no "
                        + comparison.operator().graphQlName() + " (a query may use it)");
            }
            Object operand = comparison.operand();
            JsonNode value = switch (comparison.operator()) {
                case ATTRIBUTE_EXISTS -> Values.JSON.getNodeFactory().booleanNode((Boolean) operand);
                case BETWEEN -> {
                    ArrayNode bounds = Values.JSON.createArrayNode();
                    ((List<?>) operand).forEach(bound -> bounds.add(conditionOperand(schema, field, operandType, bound)));
                    yield bounds;
                }
                case BEGINS_WITH, CONTAINS, NOT_CONTAINS -> operandType instanceof FieldType.ScalarType<?>
                        ? Values.toJson(operandType, operand) : Values.JSON.getNodeFactory().textNode(operand.toString());
                default -> conditionOperand(schema, field, operandType, operand);
            };
            node.putObject(field.name()).set(comparison.operator().graphQlName(), value);
        }
        return node;
    }

    /**
     * {@code operand} as a condition sends it. AppSync filters an AWSTimestamp with {@code
     * ModelIntInput}, whose GraphQL {@code Int} holds 32 bits: seconds from 1901-12-13T20:45:52Z to
     * 2038-01-19T03:14:07Z; a time outside them is refused, as the server would refuse it.
     */
    private static JsonNode conditionOperand(ModelSchema<?> schema, ModelField<?, ?> field, FieldType<?> type, Object operand) {
        if (operand instanceof Instant time && time.getEpochSecond() != (int) time.getEpochSecond()) { // an AWSTimestamp
            throw new IllegalArgumentException(schema.name() + "." + field.name() + " cannot be compared with " + operand
                    + " in a condition: AppSync filters an AWSTimestamp as an Int, which holds the seconds from "
                    + Instant.ofEpochSecond(Integer.MIN_VALUE) + " to " + Instant.ofEpochSecond(Integer.MAX_VALUE)
                    + " (a query may use it)");
        }
        return Values.toJson(type, operand);
    }

    /** Scalars AppSync filters with {@code ModelIntInput}, {@code ModelFloatInput} or {@code ModelBooleanInput}: no {@code contains}. */
    private static boolean isNumberOrBoolean(Scalar scalar) {
        return scalar == Scalar.INT || scalar == Scalar.FLOAT || scalar == Scalar.BOOLEAN || scalar == Scalar.AWS_TIMESTAMP;
    }
}
