package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.schema.AuthRuleDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Operations;
import graphql.language.Directive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A model while the analyzer works on it; becomes an immutable {@link ModelDef} at the end. */
final class ModelDraft {
    final String name;
    final Position position;
    String description;
    String pluralName;
    final List<FieldDef> fields = new ArrayList<>();
    final Map<String, Position> fieldPositions = new HashMap<>();
    final Map<String, Directive> relationDirectives = new LinkedHashMap<>();
    List<String> primaryKey = List.of("id");
    final List<IndexDef> indexes = new ArrayList<>();
    final List<AuthRuleDef> authRules = new ArrayList<>();
    Operations operations;
    String createdAtField = "createdAt";
    String updatedAtField = "updatedAt";
    /** Where {@code @model(timestamps: ...)} names them; null when the defaults stand. */
    Position timestampsPosition;
    final List<FieldDef> timestamps = new ArrayList<>();
    final List<FieldDef> foreignKeys = new ArrayList<>();
    final List<FieldDef> ownerFields = new ArrayList<>();
    boolean joinModel;

    ModelDraft(String name, Position position) {
        this.name = name;
        this.position = position;
    }

    Optional<FieldDef> field(String fieldName) {
        return allFields().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    Position positionOf(String fieldName) {
        return fieldPositions.getOrDefault(fieldName, position);
    }

    void replaceField(FieldDef updated) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(updated.name())) {
                fields.set(i, updated);
                return;
            }
        }
        throw new IllegalStateException("no field " + updated.name() + " in " + name);
    }

    /** Adds an implicit foreign key unless a field of that name exists already. */
    void addForeignKey(FieldDef foreignKey) {
        if (field(foreignKey.name()).isEmpty()) {
            foreignKeys.add(foreignKey);
        }
    }

    Stream<FieldDef> allFields() {
        return Stream.of(fields, timestamps, foreignKeys, ownerFields).flatMap(List::stream);
    }

    ModelDef build() {
        return new ModelDef(name, description, pluralName, allFields().toList(), primaryKey, indexes, authRules,
                operations, joinModel, createdAtField, updatedAtField);
    }
}
