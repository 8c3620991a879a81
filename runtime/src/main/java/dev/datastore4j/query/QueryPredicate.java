package dev.datastore4j.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition on models of type {@code M}, built from a generated field constant
 * ({@code Post.RATING.gt(3)}) and combined with {@link #and}, {@link #or} and {@link #not}.
 * The type parameter keeps a predicate over one model out of queries over another.
 */
public sealed interface QueryPredicate<M>
        permits Comparison, QueryPredicate.All, QueryPredicate.And, QueryPredicate.Or, QueryPredicate.Not {

    /** Whether {@code model} satisfies this predicate, with AppSync's filter semantics. */
    boolean test(M model);

    default QueryPredicate<M> and(QueryPredicate<M> other) {
        return new And<>(join(this, other, And.class));
    }

    default QueryPredicate<M> or(QueryPredicate<M> other) {
        return new Or<>(join(this, other, Or.class));
    }

    default QueryPredicate<M> not() {
        return new Not<>(this);
    }

    /** The predicate every model satisfies. */
    static <M> QueryPredicate<M> all() {
        return new All<>();
    }

    static <M> QueryPredicate<M> not(QueryPredicate<M> predicate) {
        return predicate.not();
    }

    /** Flattens nested groups of the same kind, so {@code a.and(b).and(c)} is one group of three. */
    private static <M> List<QueryPredicate<M>> join(
            QueryPredicate<M> left, QueryPredicate<M> right, Class<?> kind) {
        List<QueryPredicate<M>> operands = new ArrayList<>();
        for (QueryPredicate<M> side : List.of(left, right)) {
            if (kind.isInstance(side)) {
                operands.addAll(side instanceof And<M> and ? and.operands() : ((Or<M>) side).operands());
            } else {
                operands.add(side);
            }
        }
        return operands;
    }

    /** Matches everything. */
    record All<M>() implements QueryPredicate<M> {
        @Override
        public boolean test(M model) {
            return true;
        }

        @Override
        public QueryPredicate<M> and(QueryPredicate<M> other) {
            return other;
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /** Every operand holds. */
    record And<M>(List<QueryPredicate<M>> operands) implements QueryPredicate<M> {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(M model) {
            return operands.stream().allMatch(p -> p.test(model));
        }

        @Override
        public String toString() {
            return group(operands, " and ");
        }
    }

    /** At least one operand holds. */
    record Or<M>(List<QueryPredicate<M>> operands) implements QueryPredicate<M> {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(M model) {
            return operands.stream().anyMatch(p -> p.test(model));
        }

        @Override
        public String toString() {
            return group(operands, " or ");
        }
    }

    /** The operand does not hold. */
    record Not<M>(QueryPredicate<M> operand) implements QueryPredicate<M> {
        @Override
        public boolean test(M model) {
            return !operand.test(model);
        }

        @Override
        public String toString() {
            return "not (" + operand + ")";
        }
    }

    private static String group(List<? extends QueryPredicate<?>> operands, String separator) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < operands.size(); i++) {
            text.append(i == 0 ? "" : separator).append(operands.get(i));
        }
        return text.append(')').toString();
    }
}
