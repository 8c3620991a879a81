package dev.datastore4j.model;

import dev.datastore4j.query.Operator;
import dev.datastore4j.query.QueryPredicate;
import java.util.function.Function;

/** A field whose values can be tested for equality: booleans and enums, and the base of the rest. */
public sealed class EqualityField<O, T> extends ModelField<O, T> permits ComparableField {

    EqualityField(String name, FieldType<T> type, Function<O, T> getter, FieldFlag... flags) {
        super(name, type, getter, flags);
    }


    public QueryPredicate<O> eq(T value) {
        return compare(Operator.EQ, value);
    }

    public QueryPredicate<O> ne(T value) {
        return compare(Operator.NE, value);
    }
}
