package dev.datastore4j.model;

import dev.datastore4j.query.Operator;
import dev.datastore4j.query.QueryPredicate;
import java.util.function.Function;

/** A string-valued field (String, ID and the string-like AWS scalars). */
public final class StringField<O> extends ComparableField<O, String> {

    StringField(String name, FieldType<String> type, Function<O, String> getter, FieldFlag... flags) {
        super(name, type, getter, flags);
    }


    public QueryPredicate<O> beginsWith(String prefix) {
        return compare(Operator.BEGINS_WITH, prefix);
    }

    public QueryPredicate<O> contains(String part) {
        return compare(Operator.CONTAINS, part);
    }

    public QueryPredicate<O> notContains(String part) {
        return compare(Operator.NOT_CONTAINS, part);
    }
}
