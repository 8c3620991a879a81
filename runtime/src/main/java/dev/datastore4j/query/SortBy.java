package dev.datastore4j.query;

import dev.datastore4j.model.ModelField;
import java.util.Objects;

/** Sort order on one field; built with {@code Post.RATING.descending()}. */
public record SortBy<M>(ModelField<M, ?> field, Direction direction) {

    public SortBy {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
    }

    public enum Direction {
        ASCENDING,
        DESCENDING
    }
}
