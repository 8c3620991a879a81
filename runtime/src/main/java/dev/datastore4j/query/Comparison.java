package dev.datastore4j.query;

import dev.datastore4j.model.ModelField;
import java.net.URI;
import java.time.OffsetDateTime;
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
            case EQ -> same(value, operand);
            case NE -> !same(value, operand);
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

    /** Whether a list holds {@code part} ({@link #same} as one of its elements), or a string holds it. */
    private static boolean contains(Object value, Object part) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().anyMatch(element -> same(element, part));
        }
        return value.toString().contains(part.toString());
    }

    /** Equality as the store's SQL sees it: {@link #compare} for comparable values. */
    private static boolean same(Object value, Object operand) {
        return value instanceof Comparable<?> ? compare(value, operand) == 0 : value.equals(operand);
    }

    /**
     * Values compare as the store compares them in SQL, so that a condition or an {@code observe}
     * predicate tested here agrees with a query. Strings by code point, as SQLite (and DynamoDB
     * behind AppSync) do, not by UTF-16 unit as {@link String#compareTo} does: the two disagree
     * where an emoji meets a character from U+E000 to U+FFFF. An AWSDateTime by its instant: it is
     * stored in UTC, so {@code 12:00+02:00} is {@code 10:00Z} ({@link OffsetDateTime#compareTo}
     * would also weigh the offset). A Float as a number, in which {@code -0.0} is {@code 0.0}
     * ({@link Double#compareTo} would put it first). An AWSURL as its text ({@link URI#equals}
     * ignores the case of the scheme and host). The typed field constants only build comparisons
     * between values of one Comparable type.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object value, Object operand) {
        if (value instanceof URI url && operand instanceof URI other) {
            return compare(url.toString(), other.toString());
        }
        if (value instanceof String text && operand instanceof String other) {
            return Arrays.compare(text.codePoints().toArray(), other.codePoints().toArray());
        }
        if (value instanceof OffsetDateTime time && operand instanceof OffsetDateTime other) {
            return time.toInstant().compareTo(other.toInstant());
        }
        if (value instanceof Double number && operand instanceof Double other) {
            return number < other ? -1 : number > other ? 1 : 0; // models refuse NaN
        }
        return ((Comparable) value).compareTo(operand);
    }

    @Override
    public String toString() {
        String shown = operand instanceof String ? '"' + operand.toString() + '"' : String.valueOf(operand);
        return field.name() + " " + operator.graphQlName() + " " + shown;
    }
}
