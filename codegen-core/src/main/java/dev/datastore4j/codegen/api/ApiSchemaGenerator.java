package dev.datastore4j.codegen.api;

import dev.datastore4j.codegen.schema.EmbeddedDef;
import dev.datastore4j.codegen.schema.EnumDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Operations;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Derives the API AppSync serves for a schema with conflict detection on: model types with
 * {@code _version}/{@code _deleted}/{@code _lastChangedAt}, get/list/sync queries, mutations with
 * {@code _version} inputs and conditions, subscriptions, and every filter input — in the names and
 * shapes of AWS's own transformer, field order included, because clients depend on them.
 */
public final class ApiSchemaGenerator {
    private static final List<String> SYNC_FIELDS =
            List.of("_version: Int!", "_deleted: Boolean", "_lastChangedAt: AWSTimestamp!");

    private final Schema schema;
    private final Sdl sdl = new Sdl();
    private final List<RootField> rootFields = new ArrayList<>();

    public ApiSchemaGenerator(Schema schema) {
        this.schema = schema;
    }

    /**
     * A field of {@code Query}, {@code Mutation} or {@code Subscription} and the operation of a
     * model that it is: {@code operation} says which ("list query", "query of @index byTitle"),
     * {@code indexField} is the field whose {@code @index} named it, or null.
     */
    public record RootField(String type, String name, String model, String operation, String indexField) {}

    /**
     * What would make the API schema of {@code schema} invalid GraphQL, so that no server could
     * load it: the type names it would declare twice (a declared type named like one the API
     * derives, say {@code ModelPostConnection}), and the root fields it would declare twice (two
     * operations given one name, or two models with one plural), each group in schema order.
     */
    public record Clashes(Set<String> typeNames, List<List<RootField>> rootFields) {}

    public static Clashes clashes(Schema schema) {
        ApiSchemaGenerator generator = new ApiSchemaGenerator(schema);
        generator.generate();
        Map<String, List<RootField>> byName = new LinkedHashMap<>();
        generator.rootFields.forEach(f -> byName.computeIfAbsent(f.type() + "." + f.name(), k -> new ArrayList<>()).add(f));
        return new Clashes(generator.sdl.repeatedNames(),
                byName.values().stream().filter(fields -> fields.size() > 1).toList());
    }

    public String generate() {
        for (ModelDef model : schema.models()) {
            sdl.block("type " + model.name(), typeFields(model));
        }
        for (EmbeddedDef embedded : schema.embeddedTypes()) {
            sdl.block("type " + embedded.name(), embedded.fields().stream().map(f -> f.name() + ": " + f.type()).toList());
        }
        for (EnumDef definition : schema.enums()) {
            sdl.block("enum " + definition.name(), definition.values());
        }
        ScalarInputs.declareCommon(sdl);
        enumInputs();
        for (EmbeddedDef embedded : schema.embeddedTypes()) {
            sdl.block("input " + embedded.name() + "Input", embedded.fields().stream()
                    .map(f -> f.name() + ": " + inputType(f.type())).toList());
        }
        Set<String> keyScalars = new LinkedHashSet<>();
        List<String> queries = new ArrayList<>();
        List<String> mutations = new ArrayList<>();
        List<String> subscriptions = new ArrayList<>();
        Map<String, List<Relation>> hasManyByChild = hasManyByChild();
        for (ModelDef model : schema.models()) {
            KeyQueries keys = new KeyQueries(model, sdl);
            modelInputs(model);
            queries.addAll(queries(model, keys));
            keys.declareHasManyArguments(hasManyByChild.getOrDefault(model.name(), List.of()));
            keyScalars.addAll(keys.usedKeyScalars());
            mutations.addAll(mutations(model));
            subscriptions.addAll(subscriptions(model));
        }
        ScalarInputs.declareKeyConditions(sdl, keyScalars);
        sdl.block("type Query", queries);
        sdl.block("type Mutation", mutations);
        sdl.block("type Subscription", subscriptions);
        return sdl.toString();
    }

    /** The has-many relationships of the schema, by the model their children are records of. */
    private Map<String, List<Relation>> hasManyByChild() {
        return schema.models().stream().flatMap(model -> model.fields().stream())
                .map(FieldDef::relation)
                .filter(r -> r != null && r.kind() == Relation.Kind.HAS_MANY)
                .collect(Collectors.groupingBy(Relation::relatedModel));
    }

    private List<String> typeFields(ModelDef model) {
        List<String> lines = new ArrayList<>();
        for (FieldDef field : leadingFields(model)) {
            Relation relation = field.relation();
            if (relation != null && relation.kind() == Relation.Kind.HAS_MANY) {
                String child = relation.relatedModel();
                String sortKey = KeyQueries.hasManyArgument(schema.model(child).orElseThrow(), relation)
                        .map(argument -> argument + ", ").orElse("");
                lines.add(field.name() + "(" + sortKey + "filter: Model" + child + "FilterInput, sortDirection: "
                        + "ModelSortDirection, limit: Int, nextToken: String): Model" + child + "Connection");
            } else {
                lines.add(field.name() + ": " + field.type());
            }
        }
        lines.addAll(SYNC_FIELDS);
        trailingFields(model).forEach(f -> lines.add(f.name() + ": " + f.type()));
        return lines;
    }

    /**
     * Fields AppSync lists before the sync metadata: declared fields, timestamps, an implicit id.
     * Implicit foreign keys and owner fields come after it ({@link #trailingFields}).
     */
    static List<FieldDef> leadingFields(ModelDef model) {
        return model.fields().stream().filter(f -> !isTrailing(model, f)).toList();
    }

    static List<FieldDef> trailingFields(ModelDef model) {
        return model.fields().stream().filter(f -> isTrailing(model, f)).toList();
    }

    private static boolean isTrailing(ModelDef model, FieldDef field) {
        return field.implicit() && !field.readOnly() && !model.primaryKey().contains(field.name());
    }

    private void enumInputs() {
        Set<String> lists = new LinkedHashSet<>();
        for (ModelDef model : schema.models()) {
            model.valueFields().stream().filter(f -> f.type().kind() == TypeRef.Kind.ENUM && f.type().list())
                    .forEach(f -> lists.add(f.type().name()));
        }
        for (EnumDef definition : schema.enums()) {
            String name = definition.name();
            sdl.block("input Model" + name + "Input", List.of("eq: " + name, "ne: " + name));
            if (lists.contains(name)) {
                sdl.block("input Model" + name + "ListInput", List.of("eq: [" + name + "]", "ne: [" + name + "]",
                        "contains: " + name, "notContains: " + name));
            }
        }
    }

    private void modelInputs(ModelDef model) {
        String name = model.name();
        sdl.block("type Model" + name + "Connection",
                List.of("items: [" + name + "]!", "nextToken: String", "startedAt: AWSTimestamp"));
        List<FieldDef> filterable = leadingFields(model).stream().filter(ApiSchemaGenerator::isFilterable).toList();
        List<FieldDef> trailing = trailingFields(model);

        List<String> filter = new ArrayList<>();
        filterable.forEach(f -> filter.add(f.name() + ": " + ScalarInputs.filterInput(f.type())));
        filter.addAll(List.of("and: [Model" + name + "FilterInput]", "or: [Model" + name + "FilterInput]",
                "not: Model" + name + "FilterInput", "_deleted: ModelBooleanInput"));
        trailing.forEach(f -> filter.add(f.name() + ": " + ScalarInputs.filterInput(f.type())));
        sdl.block("input Model" + name + "FilterInput", filter);

        List<String> condition = new ArrayList<>();
        filterable.stream().filter(f -> !f.readOnly() && !model.primaryKey().contains(f.name()))
                .forEach(f -> condition.add(f.name() + ": " + ScalarInputs.filterInput(f.type())));
        condition.addAll(List.of("and: [Model" + name + "ConditionInput]", "or: [Model" + name + "ConditionInput]",
                "not: Model" + name + "ConditionInput", "_deleted: ModelBooleanInput"));
        filterable.stream().filter(FieldDef::readOnly)
                .forEach(f -> condition.add(f.name() + ": " + ScalarInputs.filterInput(f.type())));
        trailing.forEach(f -> condition.add(f.name() + ": " + ScalarInputs.filterInput(f.type())));
        sdl.block("input Model" + name + "ConditionInput", condition);

        sdl.block("input Create" + name + "Input", mutationInput(model, true));
        sdl.block("input Update" + name + "Input", mutationInput(model, false));
        List<String> delete = new ArrayList<>();
        model.primaryKey().forEach(k -> delete.add(k + ": " + model.field(k).orElseThrow().type().name() + "!"));
        delete.add("_version: Int");
        sdl.block("input Delete" + name + "Input", delete);

        // Amplify's auth transformer leaves the fields of owner and dynamic group rules out of a
        // subscription's filter (AppSync would take no more than one condition on a field, and it
        // filters on them itself), then adds each owner field back, as a plain filter input, last.
        Set<String> authFields = model.allAuthRules()
                .map(rule -> rule.allow().equals("owner") ? rule.ownerField() : rule.groupsField())
                .filter(Objects::nonNull).collect(Collectors.toSet());
        List<String> subscription = new ArrayList<>();
        filterable.stream().filter(f -> !authFields.contains(f.name()))
                .forEach(f -> subscription.add(f.name() + ": " + ScalarInputs.subscriptionInput(f.type())));
        subscription.addAll(List.of("and: [ModelSubscription" + name + "FilterInput]",
                "or: [ModelSubscription" + name + "FilterInput]", "_deleted: ModelBooleanInput"));
        // AppSync's has-many transformer adds the child's implicit key to the parent's subscription filter.
        for (FieldDef field : model.fields()) {
            Relation relation = field.relation();
            if (relation != null && relation.kind() == Relation.Kind.HAS_MANY) {
                schema.model(relation.relatedModel()).ifPresent(child -> relation.foreignKeyFields().stream()
                        .map(k -> child.field(k).orElseThrow())
                        .filter(k -> isTrailing(child, k))
                        .forEach(k -> subscription.add(k.name() + ": " + ScalarInputs.subscriptionInput(k.type()))));
            }
        }
        model.ownerFields().stream().map(owner -> model.field(owner).orElseThrow())
                .forEach(f -> subscription.add(f.name() + ": " + ScalarInputs.filterInput(f.type())));
        sdl.block("input ModelSubscription" + name + "FilterInput", subscription);
    }

    private static boolean isFilterable(FieldDef field) {
        return !field.isRelation() && field.type().kind() != TypeRef.Kind.EMBEDDED;
    }

    private static List<String> mutationInput(ModelDef model, boolean create) {
        List<String> lines = new ArrayList<>();
        for (FieldDef field : leadingFields(model)) {
            if (field.isRelation() || field.readOnly()) {
                continue;
            }
            boolean key = model.primaryKey().contains(field.name());
            String type = inputType(field.type());
            boolean generatedId = field.name().equals("id") && model.generatesId();
            if (create) {
                boolean optional = generatedId || field.defaultValue() != null || isServerSetTimestamp(model, field);
                lines.add(field.name() + ": " + (optional ? type.replaceAll("!$", "") : type));
            } else {
                lines.add(field.name() + ": " + (key ? field.type().name() + "!" : type.replaceAll("!$", "")));
            }
        }
        lines.add("_version: Int");
        for (FieldDef field : trailingFields(model)) {
            lines.add(field.name() + ": " + inputType(field.type()));
        }
        return lines;
    }

    /**
     * Whether {@code field} is a timestamp the model declares itself (a {@code createdAt} of its
     * own, say) as a String or AWSDateTime: AppSync takes it in a create, but fills it in when
     * left out, so Amplify's transformer makes it optional in the create input.
     */
    private static boolean isServerSetTimestamp(ModelDef model, FieldDef field) {
        return model.isTimestamp(field.name()) && !field.type().list() && TIMESTAMP_TYPES.contains(field.type().name());
    }

    /** The types a declared timestamp may have for the server to set it: AppSync writes its time as text. */
    private static final Set<String> TIMESTAMP_TYPES = Set.of("String", "AWSDateTime");

    /** A field's type in mutation inputs: non-model types become their {@code …Input}. */
    private static String inputType(TypeRef type) {
        if (type.kind() != TypeRef.Kind.EMBEDDED) {
            return type.sdl();
        }
        return new TypeRef(type.name() + "Input", type.kind(), type.list(), type.required(), type.elementRequired())
                .sdl();
    }

    private List<String> queries(ModelDef model, KeyQueries keys) {
        List<String> lines = new ArrayList<>();
        Operations ops = model.operations();
        String connection = "Model" + model.name() + "Connection";
        String filter = "filter: Model" + model.name() + "FilterInput";
        if (ops.get() != null) {
            lines.add(root("Query", ops.get(), model, "get query") + "(" + keys.getArguments() + "): " + model.name());
        }
        if (ops.list() != null) {
            lines.add(root("Query", ops.list(), model, "list query") + "(" + keys.listArguments() + "): " + connection);
        }
        lines.add(root("Query", ops.sync(), model, "sync query") + "(" + filter
                + ", limit: Int, nextToken: String, lastSync: AWSTimestamp): " + connection);
        model.indexes().stream().filter(index -> index.queryField() != null)
                .forEach(index -> rootFields.add(new RootField("Query", index.queryField(), model.name(),
                        "query of @index " + index.name(), index.fields().get(0))));
        lines.addAll(keys.indexQueries());
        return lines;
    }

    private List<String> mutations(ModelDef model) {
        List<String> lines = new ArrayList<>();
        Operations ops = model.operations();
        String[][] kinds = {{ops.create(), "create"}, {ops.update(), "update"}, {ops.delete(), "delete"}};
        for (String[] kind : kinds) {
            if (kind[0] != null) {
                lines.add(root("Mutation", kind[0], model, kind[1] + " mutation") + "(input: " + Names.upperFirst(kind[1])
                        + model.name() + "Input!, condition: Model" + model.name() + "ConditionInput): " + model.name());
            }
        }
        return lines;
    }

    private List<String> subscriptions(ModelDef model) {
        Operations ops = model.operations();
        StringBuilder arguments = new StringBuilder("filter: ModelSubscription" + model.name() + "FilterInput");
        model.ownerArguments().forEach(f -> arguments.append(", ").append(f).append(": String"));
        List<String> lines = new ArrayList<>();
        String[][] kinds = {{ops.onCreate(), ops.create(), "onCreate"}, {ops.onUpdate(), ops.update(), "onUpdate"},
                {ops.onDelete(), ops.delete(), "onDelete"}};
        for (String[] kind : kinds) {
            if (kind[0] != null) {
                String trigger = kind[1] == null ? "" : " @aws_subscribe(mutations: [\"" + kind[1] + "\"])";
                lines.add(root("Subscription", kind[0], model, kind[2] + " subscription") + "(" + arguments + "): "
                        + model.name() + trigger);
            }
        }
        return lines;
    }

    /** Notes {@code name} as a field of the root {@code type}, for {@link #clashes}, and gives it back. */
    private String root(String type, String name, ModelDef model, String operation) {
        rootFields.add(new RootField(type, name, model.name(), operation, null));
        return name;
    }
}
