package dev.datastore4j.codegen.schema;

import java.util.List;

/** A non-model object type, stored as JSON inside the models that use it. */
public record EmbeddedDef(String name, String description, List<FieldDef> fields) {
    public EmbeddedDef {
        fields = List.copyOf(fields);
    }
}
