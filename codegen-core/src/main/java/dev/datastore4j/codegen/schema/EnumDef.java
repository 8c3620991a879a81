package dev.datastore4j.codegen.schema;

import java.util.List;

public record EnumDef(String name, String description, List<String> values) {
    public EnumDef {
        values = List.copyOf(values);
    }
}
