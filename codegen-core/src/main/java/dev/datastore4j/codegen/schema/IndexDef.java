package dev.datastore4j.codegen.schema;

import java.util.List;

/** A secondary index: partition key field first, then sort key fields; {@code queryField} may be null. */
public record IndexDef(String name, List<String> fields, String queryField) {
    public IndexDef {
        fields = List.copyOf(fields);
    }
}
