package dev.datastore4j.codegen.schema;

import java.util.List;
import java.util.Optional;

/**
 * A validated {@code @model} type. {@code fields} keeps AppSync's order: declared fields (with
 * relationship fields in place), then implicit timestamps, implicit foreign keys and owner fields.
 * {@code joinModel} marks the models {@code @manyToMany} creates. {@code createdAtField} and
 * {@code updatedAtField} name the timestamp fields the server sets (null when turned off).
 */
public record ModelDef(
        String name,
        String description,
        String pluralName,
        List<FieldDef> fields,
        List<String> primaryKey,
        List<IndexDef> indexes,
        List<AuthRuleDef> authRules,
        Operations operations,
        boolean joinModel,
        String createdAtField,
        String updatedAtField) {

    public ModelDef {
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        authRules = List.copyOf(authRules);
    }

    public Optional<FieldDef> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** Fields that hold a value: everything but relationship fields. */
    public List<FieldDef> valueFields() {
        return fields.stream().filter(f -> !f.isRelation()).toList();
    }

    public boolean hasCompositeKey() {
        return primaryKey.size() > 1;
    }
}
