package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.api.ApiSchemaGenerator;
import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.AuthRuleDef;
import dev.datastore4j.codegen.schema.EmbeddedDef;
import dev.datastore4j.codegen.schema.EnumDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Turns parsed schema documents into a validated {@link Schema}, reporting every problem it finds. */
final class SchemaAnalyzer {
    private static final Set<String> MODEL_FIELD_DIRECTIVES = DirectiveSpec.SUPPORTED.keySet();
    private static final Set<String> MODEL_TYPE_DIRECTIVES = Set.of("model", "auth");

    private final Diagnostics diagnostics;
    private final TypeTable types;
    private final DirectiveChecker directives;
    private final AuthRules authRules;
    private final JavaNaming naming;
    private final String registryClass;
    private final Map<String, EnumDef> enums = new LinkedHashMap<>();

    /** {@code typeNames} moves a definition's position to its name (see {@link NamePositions}). */
    SchemaAnalyzer(List<Document> documents, Diagnostics diagnostics, UnaryOperator<Position> typeNames,
            String registryClass) {
        this.diagnostics = diagnostics;
        this.types = new TypeTable(documents, diagnostics, typeNames);
        this.directives = new DirectiveChecker(diagnostics);
        this.authRules = new AuthRules(diagnostics);
        this.naming = new JavaNaming(diagnostics, Set.copyOf(types.typeNames()));
        this.registryClass = registryClass;
    }

    Schema analyze() {
        for (EnumTypeDefinition definition : types.enums()) {
            enums.put(definition.getName(), enumDef(definition));
        }
        List<EmbeddedDef> embedded = new ArrayList<>();
        Map<String, ModelDraft> models = new LinkedHashMap<>();
        for (ObjectTypeDefinition object : types.objects()) {
            naming.checkTypeName(object.getName(), Ast.at(object), registryClass);
            if (TypeTable.isModel(object)) {
                naming.checkModelName(object.getName(), Ast.at(object));
                models.put(object.getName(), model(object));
            } else {
                embedded.add(embedded(object));
            }
        }
        Set<String> declaredTypes = Set.copyOf(types.typeNames()); // before @manyToMany adds join models
        new RelationResolver(diagnostics, models, declaredTypes).resolve();
        for (ModelDraft draft : models.values()) {
            if (!declaredTypes.contains(draft.name)) { // a join model that @manyToMany named
                naming.checkTypeName(draft.name, draft.position, registryClass);
                naming.checkModelName(draft.name, draft.position);
            }
            naming.checkFields(draft.name, draft.allFields().toList(), draft.fieldPositions, draft.position);
        }
        if (models.isEmpty() && !diagnostics.hasErrors()) {
            Position start = types.objects().isEmpty() ? new Position("<schema>", 0, 0, 1)
                    : Ast.at(types.objects().get(0));
            diagnostics.add(Problems.noModels(start));
        }
        List<ModelDef> ordered = ModelOrder.parentsFirst(models.values().stream().map(ModelDraft::build).toList());
        Schema schema = new Schema(ordered, List.copyOf(enums.values()), embedded);
        if (!diagnostics.hasErrors()) {
            checkApiNames(schema, models);
        }
        return schema;
    }

    /**
     * Reports what would make the API schema invalid GraphQL, which no server could load: each
     * type name it would have twice (a type named like one the API derives from a model, such as
     * {@code ModelPostConnection}, or whose own derived input is), at the most specific declared
     * type within that name; and each root field it would have twice (two operations given one
     * name, or two models with one plural, such as Person and People), at the last model in the
     * schema that names it, or at the field whose {@code @index} does.
     */
    private void checkApiNames(Schema schema, Map<String, ModelDraft> models) {
        ApiSchemaGenerator.Clashes clashes = ApiSchemaGenerator.clashes(schema);
        Map<String, Position> declared = new LinkedHashMap<>();
        types.objects().forEach(object -> declared.put(object.getName(), Ast.at(object)));
        types.enums().forEach(definition -> declared.put(definition.getName(), Ast.at(definition)));
        models.values().forEach(model -> declared.putIfAbsent(model.name, model.position)); // join models
        for (String repeated : clashes.typeNames()) {
            declared.keySet().stream().filter(repeated::contains).max(Comparator.comparingInt(String::length))
                    .ifPresent(type -> diagnostics.add(Problems.nameClash(declared.get(type),
                            "the API schema would have two types named " + repeated
                                    + (repeated.equals(type) ? "" : ", one of them for " + type),
                            "rename " + type)));
        }
        List<String> order = List.copyOf(models.keySet());
        Comparator<ApiSchemaGenerator.RootField> bySchemaOrder = Comparator
                .comparingInt((ApiSchemaGenerator.RootField f) -> order.indexOf(f.model()))
                .thenComparing(f -> f.indexField() != null);
        for (List<ApiSchemaGenerator.RootField> fields : clashes.rootFields()) {
            ApiSchemaGenerator.RootField last = fields.stream()
                    .reduce((a, b) -> bySchemaOrder.compare(a, b) > 0 ? a : b).orElseThrow();
            ModelDraft model = models.get(last.model());
            Position at = last.indexField() == null ? model.position : model.positionOf(last.indexField());
            String hint = fields.stream().anyMatch(f -> f.operation().equals("sync query"))
                    ? "rename one of the models: a sync query is named after its model's plural"
                    : "give each its own name with " + switch (last.type()) {
                        case "Query" -> "@model(queries: ...) or @index(queryField: ...)";
                        case "Mutation" -> "@model(mutations: ...)";
                        default -> "@model(subscriptions: ...)";
                    };
            diagnostics.add(Problems.nameClash(at, "the API schema's " + last.type() + " would have "
                    + (fields.size() == 2 ? "two" : fields.size()) + " fields named " + last.name() + ": "
                    + Problems.allOf(fields.stream().map(f -> f.model() + "'s " + f.operation()).toList()), hint));
        }
    }

    private EnumDef enumDef(EnumTypeDefinition definition) {
        naming.checkTypeName(definition.getName(), Ast.at(definition), registryClass);
        directives.check(definition.getDirectives(), DirectiveSpec.Location.OBJECT, "an enum", Set.of());
        List<String> values = new ArrayList<>();
        for (EnumValueDefinition value : definition.getEnumValueDefinitions()) {
            if (values.contains(value.getName())) {
                diagnostics.add(Problems.duplicateEnumValue(Ast.at(value), definition.getName(), value.getName()));
                continue;
            }
            naming.checkEnumValue(value.getName(), Ast.at(value));
            directives.check(value.getDirectives(), DirectiveSpec.Location.FIELD, "an enum value", Set.of());
            values.add(value.getName());
        }
        if (values.isEmpty()) {
            diagnostics.add(Problems.emptyDefinition(Ast.at(definition), "enum", definition.getName(), "values"));
        }
        return new EnumDef(definition.getName(), text(definition.getDescription()), values);
    }

    private EmbeddedDef embedded(ObjectTypeDefinition object) {
        directives.check(object.getDirectives(), DirectiveSpec.Location.OBJECT, "a non-model type", Set.of());
        List<FieldDef> fields = new ArrayList<>();
        Map<String, Position> positions = new LinkedHashMap<>();
        for (FieldDefinition field : object.getFieldDefinitions()) {
            if (positions.putIfAbsent(field.getName(), Ast.at(field)) != null) {
                diagnostics.add(Problems.duplicateField(Ast.at(field), object.getName(), field.getName()));
                continue;
            }
            for (Directive directive : field.getDirectives()) {
                if (DirectiveSpec.RELATIONSHIPS.contains(directive.getName())) {
                    diagnostics.add(Problems.relationshipOutsideModel(Ast.at(directive), directive.getName(),
                            object.getName()));
                }
            }
            directives.check(field.getDirectives().stream()
                            .filter(d -> !DirectiveSpec.RELATIONSHIPS.contains(d.getName())).toList(),
                    DirectiveSpec.Location.FIELD, "a field of a non-model type", Set.of());
            TypeRef type = resolve(field, object.getName());
            if (type != null && type.kind() == TypeRef.Kind.MODEL) {
                diagnostics.add(Problems.modelInEmbeddedType(Ast.at(Ast.typeName(field.getType())), label(object, field),
                        type.name()));
            } else if (type != null) {
                fields.add(new FieldDef(field.getName(), text(field.getDescription()), type, null, null, false, false,
                        List.of()));
            }
        }
        if (object.getFieldDefinitions().isEmpty()) {
            diagnostics.add(Problems.emptyDefinition(Ast.at(object), "type", object.getName(), "fields"));
        }
        naming.checkFields(object.getName(), fields, positions, Ast.at(object));
        return new EmbeddedDef(object.getName(), text(object.getDescription()), fields);
    }

    private ModelDraft model(ObjectTypeDefinition object) {
        ModelDraft draft = new ModelDraft(object.getName(), Ast.at(object));
        draft.description = text(object.getDescription());
        draft.pluralName = Plurals.plural(object.getName());
        List<Directive> typeDirectives = directives.check(object.getDirectives(), DirectiveSpec.Location.OBJECT,
                "an object type", MODEL_TYPE_DIRECTIVES);
        // absent when @model was misspelt (already reported): the defaults stand in for its options
        object.getDirectives("model").stream().findFirst().ifPresent(model -> ModelOptions.apply(model, draft, diagnostics));
        for (Directive directive : typeDirectives) {
            if (directive.getName().equals("auth")) {
                draft.authRules.addAll(authRules.read(directive));
            }
        }
        FieldDefinition primaryKeyField = null;
        Directive primaryKey = null;
        for (FieldDefinition field : object.getFieldDefinitions()) {
            if (draft.fieldPositions.putIfAbsent(field.getName(), Ast.at(field)) != null) {
                diagnostics.add(Problems.duplicateField(Ast.at(field), object.getName(), field.getName()));
                continue;
            }
            List<Directive> valid = directives.check(field.getDirectives(), DirectiveSpec.Location.FIELD, "a field",
                    MODEL_FIELD_DIRECTIVES);
            TypeRef type = resolve(field, object.getName());
            if (type == null) {
                continue;
            }
            FieldDef def = modelField(object, field, type, valid, draft);
            if (def == null) {
                continue;
            }
            draft.fields.add(def);
            for (Directive directive : valid) {
                if (directive.getName().equals("primaryKey")) {
                    if (primaryKey != null) {
                        diagnostics.add(Problems.invalidPrimaryKey(Ast.at(directive), object.getName(),
                                "is declared twice; use sortKeyFields for a composite key"));
                    } else {
                        primaryKey = directive;
                        primaryKeyField = field;
                    }
                }
            }
        }
        Keys keys = new Keys(diagnostics, draft);
        keys.primaryKey(primaryKeyField, primaryKey);
        for (FieldDefinition field : object.getFieldDefinitions()) {
            for (Directive index : field.getDirectives("index")) {
                keys.index(field, index);
            }
        }
        addTimestamps(draft);
        addOwnerFields(draft);
        ServerSetFields.check(draft, diagnostics);
        FieldReaders.check(draft, diagnostics);
        return draft;
    }

    private FieldDef modelField(ObjectTypeDefinition object, FieldDefinition field, TypeRef type,
            List<Directive> valid, ModelDraft draft) {
        String label = label(object, field);
        if (!field.getInputValueDefinitions().isEmpty()) {
            diagnostics.add(Problems.unsupportedDefinition(Ast.at(field), "a field with arguments (" + label + ")",
                    "relationship fields get their arguments from the relationship directive"));
        }
        List<Directive> relations = valid.stream()
                .filter(d -> DirectiveSpec.RELATIONSHIPS.contains(d.getName())).toList();
        if (relations.size() > 1) {
            diagnostics.add(Problems.relationshipShape(Ast.at(relations.get(1)), relations.get(1).getName(), label,
                    "to be the only relationship directive on the field"));
            return null;
        }
        if (relations.isEmpty() && type.kind() == TypeRef.Kind.MODEL) {
            if (!field.hasDirective("connection")) { // the v1 directive is reported already, with what replaces it
                diagnostics.add(Problems.modelFieldNeedsRelationship(Ast.at(Ast.typeName(field.getType())), label, type.name()));
            }
            return null;
        }
        if (!relations.isEmpty()) {
            if (type.kind() != TypeRef.Kind.MODEL) {
                diagnostics.add(Problems.relationshipOnNonModel(Ast.at(relations.get(0)), relations.get(0).getName(),
                        label, type.name()));
                return null;
            }
            draft.relationDirectives.put(field.getName(), relations.get(0));
        }
        String defaultValue = null;
        List<AuthRuleDef> fieldAuth = new ArrayList<>();
        for (Directive directive : valid) {
            switch (directive.getName()) {
                case "default" -> defaultValue = Defaults.check(directive, type, label, enums, diagnostics);
                case "auth" -> fieldAuth.addAll(authRules.read(directive));
                default -> { }
            }
        }
        return new FieldDef(field.getName(), text(field.getDescription()), type, null, defaultValue, false, false,
                fieldAuth);
    }

    private TypeRef resolve(FieldDefinition field, String owner) {
        Type<?> type = field.getType();
        boolean required = type instanceof NonNullType;
        type = unwrap(type);
        boolean list = false;
        boolean elementRequired = false;
        if (type instanceof ListType listType) {
            list = true;
            Type<?> element = listType.getType();
            elementRequired = element instanceof NonNullType;
            type = unwrap(element);
            if (type instanceof ListType) {
                diagnostics.add(Problems.unsupportedType(Ast.at(field.getType().getSourceLocation(), 1),
                        owner + "." + field.getName(), "a list of lists", "wrap the inner list in a non-model type"));
                return null;
            }
        }
        TypeName name = (TypeName) type;
        TypeTable.Kind kind = types.kindOf(name.getName());
        TypeRef.Kind refKind = switch (kind) {
            case SCALAR -> TypeRef.Kind.SCALAR;
            case ENUM -> TypeRef.Kind.ENUM;
            case MODEL -> TypeRef.Kind.MODEL;
            case EMBEDDED -> TypeRef.Kind.EMBEDDED;
            case INTERFACE, UNION, INPUT -> {
                diagnostics.add(Problems.unsupportedType(Ast.at(name), owner + "." + field.getName(),
                        kind.name().toLowerCase(Locale.ROOT) + " " + name.getName(),
                        "use a @model type or a non-model object type"));
                yield null;
            }
            case UNKNOWN -> {
                diagnostics.add(Problems.unknownType(Ast.at(name), name.getName(),
                        Names.suggest(name.getName(), types.typeNames())));
                yield null;
            }
        };
        return refKind == null ? null : new TypeRef(name.getName(), refKind, list, required, elementRequired);
    }

    private static Type<?> unwrap(Type<?> type) {
        return type instanceof NonNullType nonNull ? nonNull.getType() : type;
    }

    static void addTimestamps(ModelDraft draft) {
        for (String name : ModelOptions.timestampNames(draft)) {
            if (draft.field(name).isEmpty()) {
                draft.timestamps.add(FieldDef.implicit(name, TypeRef.scalar("AWSDateTime", true), true));
            }
        }
    }

    /** Owner and dynamic-group fields named by auth rules are added when the schema does not declare them. */
    static void addOwnerFields(ModelDraft draft) {
        Set<String> added = new HashSet<>();
        List<AuthRuleDef> rules = new ArrayList<>(draft.authRules);
        draft.fields.forEach(f -> rules.addAll(f.authRules()));
        for (AuthRuleDef rule : rules) {
            String name = rule.allow().equals("owner") ? rule.ownerField() : rule.groupsField();
            if (name != null && draft.field(name).isEmpty() && added.add(name)) {
                TypeRef type = rule.allow().equals("owner") ? TypeRef.scalar("String", false)
                        : new TypeRef("String", TypeRef.Kind.SCALAR, true, false, false);
                draft.ownerFields.add(FieldDef.implicit(name, type, false));
            }
        }
    }

    private static String label(ObjectTypeDefinition object, FieldDefinition field) {
        return object.getName() + "." + field.getName();
    }

    static String text(Description description) {
        return description == null ? null : description.getContent().strip();
    }
}
