package dev.datastore4j.codegen.api;

import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Arguments of queries that read by key — {@code get}, {@code list} on a custom primary key, and
 * index query fields — and the sort-key condition inputs they need.
 */
final class KeyQueries {
    private final ModelDef model;
    private final Sdl sdl;
    private final Set<String> keyScalars = new LinkedHashSet<>();

    KeyQueries(ModelDef model, Sdl sdl) {
        this.model = model;
        this.sdl = sdl;
    }

    Set<String> usedKeyScalars() {
        return keyScalars;
    }

    String getArguments() {
        List<String> arguments = new ArrayList<>();
        for (String key : model.primaryKey()) {
            arguments.add(key + ": " + type(key).name() + "!");
        }
        return String.join(", ", arguments);
    }

    String listArguments() {
        String rest = "filter: Model" + model.name() + "FilterInput, limit: Int, nextToken: String";
        if (model.primaryKey().equals(List.of("id"))) {
            return rest;
        }
        List<String> key = model.primaryKey();
        StringBuilder arguments = new StringBuilder(key.get(0) + ": " + type(key.get(0)).name());
        sortKeyArgument(key, "Primary").ifPresent(a -> arguments.append(", ").append(a));
        return arguments + ", " + rest + ", sortDirection: ModelSortDirection";
    }

    List<String> indexQueries() {
        List<String> lines = new ArrayList<>();
        for (IndexDef index : model.indexes()) {
            if (index.queryField() == null) {
                continue;
            }
            List<String> key = index.fields();
            StringBuilder arguments = new StringBuilder(key.get(0) + ": " + type(key.get(0)).name() + "!");
            sortKeyArgument(key, Names.upperFirst(index.name())).ifPresent(a -> arguments.append(", ").append(a));
            arguments.append(", sortDirection: ModelSortDirection, filter: Model").append(model.name())
                    .append("FilterInput, limit: Int, nextToken: String");
            lines.add(index.queryField() + "(" + arguments + "): Model" + model.name() + "Connection");
        }
        return lines;
    }

    /** The sort key argument: one field's key condition, or a composite of several fields. */
    private Optional<String> sortKeyArgument(List<String> key, String indexLabel) {
        List<String> sortKeys = key.subList(1, key.size());
        if (sortKeys.isEmpty()) {
            return Optional.empty();
        }
        if (sortKeys.size() == 1) {
            TypeRef type = type(sortKeys.get(0));
            keyScalars.add(type.kind() == TypeRef.Kind.ENUM ? "String" : ScalarInputs.filterScalar(type.name()));
            return Optional.of(sortKeys.get(0) + ": " + ScalarInputs.keyConditionInput(type));
        }
        String base = "Model" + model.name() + indexLabel + "CompositeKey";
        List<String> fields = new ArrayList<>();
        for (String sortKey : sortKeys) {
            fields.add(sortKey + ": " + type(sortKey).name());
        }
        sdl.block("input " + base + "Input", fields);
        List<String> conditions = new ArrayList<>();
        for (String op : List.of("eq", "le", "lt", "ge", "gt")) {
            conditions.add(op + ": " + base + "Input");
        }
        conditions.add("between: [" + base + "Input]");
        conditions.add("beginsWith: " + base + "Input");
        sdl.block("input " + base + "ConditionInput", conditions);
        return Optional.of(Names.sortKeyArgument(sortKeys) + ": " + base + "ConditionInput");
    }

    private TypeRef type(String field) {
        return model.field(field).map(FieldDef::type).orElseThrow();
    }
}
