package dev.datastore4j.codegen.api;

import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
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
    /** Labels of the composite sort keys whose inputs are declared ("Primary", an index's name). */
    private final Set<String> declaredComposites = new HashSet<>();

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
            arguments.add(key + ": " + type(model, key).name() + "!");
        }
        return String.join(", ", arguments);
    }

    String listArguments() {
        String rest = "filter: Model" + model.name() + "FilterInput, limit: Int, nextToken: String";
        if (model.primaryKey().equals(List.of("id"))) {
            return rest;
        }
        List<String> key = model.primaryKey();
        StringBuilder arguments = new StringBuilder(key.get(0) + ": " + type(model, key.get(0)).name());
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
            StringBuilder arguments = new StringBuilder(key.get(0) + ": " + type(model, key.get(0)).name() + "!");
            sortKeyArgument(key, Names.upperFirst(index.name())).ifPresent(a -> arguments.append(", ").append(a));
            arguments.append(", sortDirection: ModelSortDirection, filter: Model").append(model.name())
                    .append("FilterInput, limit: Int, nextToken: String");
            lines.add(index.queryField() + "(" + arguments + "): Model" + model.name() + "Connection");
        }
        return lines;
    }

    /**
     * Declares the inputs of the sort key arguments that has-many fields pointing at this model
     * take ({@link #hasManyArgument}), unless this model's own queries declared them already.
     */
    void declareHasManyArguments(List<Relation> hasManyToHere) {
        for (Relation relation : hasManyToHere) {
            List<String> key = hasManyKey(model, relation);
            if (!key.isEmpty()) {
                sortKeyArgument(key, indexLabel(relation.indexName()));
            }
        }
    }

    /**
     * The sort key argument AppSync gives a has-many field whose children are found through a
     * key of theirs (the index it names, or else their primary key) that starts with its one
     * foreign key field and has more fields: a condition on the rest of that key, as
     * {@code room.messages(writtenAt: {gt: ...})} or a composite one.
     */
    static Optional<String> hasManyArgument(ModelDef child, Relation relation) {
        List<String> key = hasManyKey(child, relation);
        return key.isEmpty() ? Optional.empty()
                : Optional.of(argumentText(child, key.subList(1, key.size()), indexLabel(relation.indexName())));
    }

    /**
     * The child's key a has-many's sort key argument is on (its foreign key, then the fields the
     * children come sorted by); empty when it has no such argument.
     */
    private static List<String> hasManyKey(ModelDef child, Relation relation) {
        List<String> foreignKey = relation.foreignKeyFields();
        List<String> sortFields = child.childSortFields(relation);
        List<String> primaryKey = child.primaryKey();
        // without an index named, only a primary key that starts with the foreign key counts
        boolean keyed = foreignKey.size() == 1 && !sortFields.isEmpty() && (relation.indexName() != null
                || primaryKey.size() > 1 && primaryKey.get(0).equals(foreignKey.get(0)));
        if (!keyed) {
            return List.of();
        }
        List<String> key = new ArrayList<>(foreignKey);
        key.addAll(sortFields);
        return key;
    }

    private static String indexLabel(String indexName) {
        return indexName == null ? "Primary" : Names.upperFirst(indexName);
    }

    /** The sort key argument: one field's key condition, or a composite of several fields. */
    private Optional<String> sortKeyArgument(List<String> key, String indexLabel) {
        List<String> sortKeys = key.subList(1, key.size());
        if (sortKeys.isEmpty()) {
            return Optional.empty();
        }
        if (sortKeys.size() == 1) {
            TypeRef type = type(model, sortKeys.get(0));
            keyScalars.add(type.kind() == TypeRef.Kind.ENUM ? "String" : ScalarInputs.filterScalar(type.name()));
        } else if (declaredComposites.add(indexLabel)) {
            String base = compositeBase(model, indexLabel);
            List<String> fields = new ArrayList<>();
            for (String sortKey : sortKeys) {
                fields.add(sortKey + ": " + type(model, sortKey).name());
            }
            sdl.block("input " + base + "Input", fields);
            List<String> conditions = new ArrayList<>();
            for (String op : List.of("eq", "le", "lt", "ge", "gt")) {
                conditions.add(op + ": " + base + "Input");
            }
            conditions.add("between: [" + base + "Input]");
            conditions.add("beginsWith: " + base + "Input");
            sdl.block("input " + base + "ConditionInput", conditions);
        }
        return Optional.of(argumentText(model, sortKeys, indexLabel));
    }

    private static String argumentText(ModelDef model, List<String> sortKeys, String indexLabel) {
        return sortKeys.size() == 1
                ? sortKeys.get(0) + ": " + ScalarInputs.keyConditionInput(type(model, sortKeys.get(0)))
                : Names.sortKeyArgument(sortKeys) + ": " + compositeBase(model, indexLabel) + "ConditionInput";
    }

    private static String compositeBase(ModelDef model, String indexLabel) {
        return "Model" + model.name() + indexLabel + "CompositeKey";
    }

    private static TypeRef type(ModelDef model, String field) {
        return model.field(field).map(FieldDef::type).orElseThrow();
    }
}
