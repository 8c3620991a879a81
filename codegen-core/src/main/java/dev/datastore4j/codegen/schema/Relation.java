package dev.datastore4j.codegen.schema;

import java.util.List;

/**
 * A relationship field, resolved to the fields that hold the key: on the declaring model when
 * {@code foreignKeyOnThisModel}, on {@code relatedModel} otherwise. {@code relatedKeyFields} are
 * the key fields those foreign keys point at, in the same order. {@code indexName} is the index
 * of the related model that a has-many names to find its children by (they come in the order of
 * its sort key fields), or null.
 */
public record Relation(
        Kind kind,
        String relatedModel,
        boolean foreignKeyOnThisModel,
        List<String> foreignKeyFields,
        List<String> relatedKeyFields,
        String indexName) {

    public enum Kind {
        HAS_ONE,
        HAS_MANY,
        BELONGS_TO
    }

    public Relation {
        foreignKeyFields = List.copyOf(foreignKeyFields);
        relatedKeyFields = List.copyOf(relatedKeyFields);
    }

    /** A relationship found through the related model's primary key or foreign key, not a named index. */
    public Relation(Kind kind, String relatedModel, boolean foreignKeyOnThisModel, List<String> foreignKeyFields,
            List<String> relatedKeyFields) {
        this(kind, relatedModel, foreignKeyOnThisModel, foreignKeyFields, relatedKeyFields, null);
    }
}
