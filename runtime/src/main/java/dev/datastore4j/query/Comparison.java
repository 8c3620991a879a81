package dev.datastore4j.query;

import dev.datastore4j.model.ModelField;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One operator applied to one field. Built through the typed field constants, which make sure the
 * operand's type fits the field; {@code operand} is a two-element list for {@code between}.
 */
public record Comparison<M>(ModelField<M, ?> field, Operator operator, Object operand)
        implements QueryPredicate<M> {

    public Comparison {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean test(M model) {
        Object value = field.get(model);
        if (operator == Operator.ATTRIBUTE_EXISTS) {
            return (value != null) == (Boolean) operand;
        }
        if (value == null) {
            // A missing attribute matches only the negative operators, as in DynamoDB conditions.
            return operator == Operator.NE || operator == Operator.NOT_CONTAINS;
        }
        return switch (operator) {
            case EQ -> value.equals(operand);
            case NE -> !value.equals(operand);
            case LT -> compare(value, operand) < 0;
            case LE -> compare(value, operand) <= 0;
            case GT -> compare(value, operand) > 0;
            case GE -> compare(value, operand) >= 0;
            case BETWEEN -> compare(value, bound(0)) >= 0 && compare(value, bound(1)) <= 0;
            case BEGINS_WITH -> value.toString().startsWith(operand.toString());
            case CONTAINS -> contains(value, operand);
            case NOT_CONTAINS -> !contains(value, operand);
            case ATTRIBUTE_EXISTS -> throw new AssertionError("handled above");
        };
    }

    private Object bound(int index) {
        return ((List<?>) operand).get(index);
    }

    private static boolean contains(Object value, Object part) {
        if (value instanceof Collection<?> collection) {
            return collection.contains(part);
        }
        return value.toString().contains(part.toString());
    }

    /**
     * Strings compare by code point, as SQLite (and DynamoDB behind AppSync) do, not by UTF-16
     * unit as {@link String#compareTo} does: the two disagree where an emoji meets a character
     * from U+E000 to U+FFFF. The typed field constants only build comparisons between values of
     * one Comparable type.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object value, Object operand) {
        if (value instanceof String text && operand instanceof String other) {
            return Arrays.compare(text.codePoints().toArray(), other.codePoints().toArray());
        }
        return ((Comparable) value).compareTo(operand);
    }

    @Override
    public String toString() {
        String shown = operand instanceof String ? '"' + operand.toString() + '"' : String.valueOf(operand);
        return field.name() + " " + operator.graphQlName() + " " + shown;
    }
}
