package dev.datastore4j.model;

import dev.datastore4j.query.QueryPredicate;
import java.util.List;
import java.util.Objects;

/** The children of a {@code @hasMany}, as a query that runs only when asked to. */
public final class HasMany<M extends Model> {
    private final ModelSchema<M> schema;
    private final QueryPredicate<M> predicate;

    private HasMany(ModelSchema<M> schema, QueryPredicate<M> predicate) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.predicate = Objects.requireNonNull(predicate, "predicate");
    }

    public static <M extends Model> HasMany<M> of(ModelSchema<M> schema, QueryPredicate<M> predicate) {
        return new HasMany<>(schema, predicate);
    }

    public ModelSchema<M> schema() {
        return schema;
    }

    /** The predicate that selects the children; combine it to narrow the query further. */
    public QueryPredicate<M> predicate() {
        return predicate;
    }

    public List<M> load(ModelReader reader) {
        return reader.query(schema, predicate);
    }

    @Override
    public String toString() {
        return "HasMany[" + schema.name() + " where " + predicate + "]";
    }
}
