package dev.datastore4j.model;

import dev.datastore4j.query.Operator;
import dev.datastore4j.query.QueryPredicate;
import java.util.List;
import java.util.function.Function;

/** A field with an order: numbers and temporal values, and the base of string fields. */
public sealed class ComparableField<O, T extends Comparable<? super T>> extends EqualityField<O, T>
        permits StringField {

    ComparableField(String name, FieldType<T> type, Function<O, T> getter, FieldFlag... flags) {
        super(name, type, getter, flags);
    }


    public QueryPredicate<O> lt(T value) {
        return compare(Operator.LT, value);
    }

    public QueryPredicate<O> le(T value) {
        return compare(Operator.LE, value);
    }

    public QueryPredicate<O> gt(T value) {
        return compare(Operator.GT, value);
    }

    public QueryPredicate<O> ge(T value) {
        return compare(Operator.GE, value);
    }

    /** Both ends included, as in AppSync's {@code between}. */
    public QueryPredicate<O> between(T low, T high) {
        if (low == null || high == null) {
            throw new NullPointerException("between on " + name() + " needs two non-null ends");
        }
        return compare(Operator.BETWEEN, List.of(low, high));
    }
}
