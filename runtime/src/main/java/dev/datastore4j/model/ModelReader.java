package dev.datastore4j.model;

import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.query.SortBy;
import java.util.List;

/** What lazy relationships load through; the local store ({@code DataStore}) implements it. */
@FunctionalInterface
public interface ModelReader {
    /** The records of {@code schema}'s model matching {@code predicate}, sorted by {@code sort}, then by key. */
    <M extends Model> List<M> query(ModelSchema<M> schema, QueryPredicate<M> predicate, List<SortBy<M>> sort);
}
