package dev.datastore4j.model;

import dev.datastore4j.query.Operator;
import dev.datastore4j.query.QueryPredicate;
import java.util.List;
import java.util.function.Function;

/** A list-valued field; {@code contains} tests membership of one element. */
public final class ListField<O, E> extends ModelField<O, List<E>> {

    ListField(String name, FieldType.ListType<E> type, Function<O, List<E>> getter, FieldFlag... flags) {
        super(name, type, getter, flags);
    }


    public QueryPredicate<O> contains(E element) {
        return compare(Operator.CONTAINS, element);
    }

    public QueryPredicate<O> notContains(E element) {
        return compare(Operator.NOT_CONTAINS, element);
    }
}
