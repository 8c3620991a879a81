package dev.datastore4j.model;

import dev.datastore4j.query.QueryPredicate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A related model that is loaded only when asked for ({@code @belongsTo}, {@code @hasOne}). It
 * knows the related model's key (or the predicate that finds it) but holds no copy of it.
 */
public final class ModelReference<M extends Model> {
    private final ModelSchema<M> schema;
    private final QueryPredicate<M> predicate;

    private ModelReference(ModelSchema<M> schema, QueryPredicate<M> predicate) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.predicate = predicate;
    }

    /** A reference found by {@code predicate}; null means there is nothing to refer to. */
    public static <M extends Model> ModelReference<M> of(ModelSchema<M> schema, QueryPredicate<M> predicate) {
        return new ModelReference<>(schema, predicate);
    }

    public ModelSchema<M> schema() {
        return schema;
    }

    /** Whether the foreign key is unset, so that {@link #load} would find nothing. */
    public boolean isEmpty() {
        return predicate == null;
    }

    /** The predicate that selects the related model; {@link QueryPredicate#all()} never. */
    public Optional<QueryPredicate<M>> predicate() {
        return Optional.ofNullable(predicate);
    }

    public Optional<M> load(ModelReader reader) {
        if (predicate == null) {
            return Optional.empty();
        }
        List<M> found = reader.query(schema, predicate, List.of());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public String toString() {
        return "ModelReference[" + schema.name() + (predicate == null ? "" : " where " + predicate) + "]";
    }
}
