package dev.datastore4j.codegen.schema;

import java.util.List;

/**
 * A relationship field, resolved to the fields that hold the key: on the declaring model when
 * {@code foreignKeyOnThisModel}, on {@code relatedModel} otherwise. {@code relatedKeyFields} are
 * the key fields those foreign keys point at, in the same order.
 */
public record Relation(
        Kind kind,
        String relatedModel,
        boolean foreignKeyOnThisModel,
        List<String> foreignKeyFields,
        List<String> relatedKeyFields) {

    public enum Kind {
        HAS_ONE,
        HAS_MANY,
        BELONGS_TO
    }

    public Relation {
        foreignKeyFields = List.copyOf(foreignKeyFields);
        relatedKeyFields = List.copyOf(relatedKeyFields);
    }
}
