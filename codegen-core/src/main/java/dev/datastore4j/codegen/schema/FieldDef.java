package dev.datastore4j.codegen.schema;

import java.util.List;

/**
 * A field of a model or embedded type. {@code relation} is set for relationship fields, which hold
 * no value of their own. {@code implicit} fields were added by a directive's defaults (timestamps,
 * foreign keys, owner fields, a default {@code id}). {@code defaultValue} is the {@code @default}
 * literal as written, or null.
 */
public record FieldDef(
        String name,
        String description,
        TypeRef type,
        Relation relation,
        String defaultValue,
        boolean readOnly,
        boolean implicit,
        List<AuthRuleDef> authRules) {

    public FieldDef {
        authRules = List.copyOf(authRules);
    }

    public static FieldDef implicit(String name, TypeRef type, boolean readOnly) {
        return new FieldDef(name, null, type, null, null, readOnly, true, List.of());
    }

    public boolean isRelation() {
        return relation != null;
    }
}
