package dev.datastore4j.model;

import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.query.SortBy;
import java.util.List;
import java.util.Objects;

/**
 * The children of a {@code @hasMany}, as a query that runs only when asked to. They come in the
 * order the sync server gives them: by the rest of the key they are found through (a named
 * index's sort key fields, say), then by their own key.
 */
public final class HasMany<M extends Model> {
    private final ModelSchema<M> schema;
    private final QueryPredicate<M> predicate;
    private final List<SortBy<M>> sort;

    private HasMany(ModelSchema<M> schema, QueryPredicate<M> predicate, List<SortBy<M>> sort) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.sort = List.copyOf(sort);
    }

    /** Children in key order. */
    public static <M extends Model> HasMany<M> of(ModelSchema<M> schema, QueryPredicate<M> predicate) {
        return new HasMany<>(schema, predicate, List.of());
    }

    /** Children sorted by {@code sort}, then in key order. */
    public static <M extends Model> HasMany<M> of(ModelSchema<M> schema, QueryPredicate<M> predicate,
            List<SortBy<M>> sort) {
        return new HasMany<>(schema, predicate, sort);
    }

    public ModelSchema<M> schema() {
        return schema;
    }

    /** The predicate that selects the children; combine it to narrow the query further. */
    public QueryPredicate<M> predicate() {
        return predicate;
    }

    /** The order the children come in (before their key); empty for key order alone. */
    public List<SortBy<M>> sort() {
        return sort;
    }

    public List<M> load(ModelReader reader) {
        return reader.query(schema, predicate, sort);
    }

    @Override
    public String toString() {
        return "HasMany[" + schema.name() + " where " + predicate + (sort.isEmpty() ? "" : " by " + sort) + "]";
    }
}
