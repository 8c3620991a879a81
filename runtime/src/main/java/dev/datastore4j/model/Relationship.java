package dev.datastore4j.model;

import java.util.List;
import java.util.Objects;

/**
 * A relationship field of a model. {@code foreignKeyFields} name the fields that hold the related
 * model's key: on this model for {@code BELONGS_TO} (and {@code HAS_ONE} unless it uses
 * {@code references}), on the related model for {@code HAS_MANY}.
 */
public record Relationship(
        Kind kind, String field, String relatedModel, boolean foreignKeyOnThisModel, List<String> foreignKeyFields) {

    public enum Kind {
        BELONGS_TO,
        HAS_ONE,
        HAS_MANY
    }

    public Relationship {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(relatedModel, "relatedModel");
        foreignKeyFields = List.copyOf(foreignKeyFields);
    }

    public static Relationship belongsTo(String field, String parent, List<String> foreignKeyFields) {
        return new Relationship(Kind.BELONGS_TO, field, parent, true, foreignKeyFields);
    }

    /** A has-one whose foreign key is on this model ({@code fields} or Amplify's implicit field). */
    public static Relationship hasOne(String field, String child, List<String> foreignKeyFields) {
        return new Relationship(Kind.HAS_ONE, field, child, true, foreignKeyFields);
    }

    /** A has-one whose foreign key is on the child ({@code references}). */
    public static Relationship hasOneReferenced(String field, String child, List<String> childFields) {
        return new Relationship(Kind.HAS_ONE, field, child, false, childFields);
    }

    public static Relationship hasMany(String field, String child, List<String> childFields) {
        return new Relationship(Kind.HAS_MANY, field, child, false, childFields);
    }
}
