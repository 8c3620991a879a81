package dev.datastore4j.model;

import dev.datastore4j.query.QueryPredicate;
import java.util.List;

/** What lazy relationships load through; the local store implements it. */
@FunctionalInterface
public interface ModelReader {
    <M extends Model> List<M> query(ModelSchema<M> schema, QueryPredicate<M> predicate);
}
