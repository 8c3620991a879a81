package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Every type a schema declares, by name, in declaration order; rejects what cannot be modelled. */
final class TypeTable {
    static final Set<String> SCALARS = Set.of("ID", "String", "Int", "Float", "Boolean", "AWSDate", "AWSTime",
            "AWSDateTime", "AWSTimestamp", "AWSEmail", "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress");
    private static final Set<String> OPERATION_TYPES = Set.of("Query", "Mutation", "Subscription");

    enum Kind {
        SCALAR,
        ENUM,
        MODEL,
        EMBEDDED,
        INTERFACE,
        UNION,
        INPUT,
        UNKNOWN
    }

    private final Map<String, TypeDefinition<?>> byName = new LinkedHashMap<>();
    private final List<ObjectTypeDefinition> objects = new ArrayList<>();
    private final List<EnumTypeDefinition> enums = new ArrayList<>();

    TypeTable(List<Document> documents, Diagnostics diagnostics, UnaryOperator<Position> typeNames) {
        for (Document document : documents) {
            for (Definition<?> definition : document.getDefinitions()) {
                collect(definition, diagnostics, typeNames);
            }
        }
    }

    private void collect(Definition<?> definition, Diagnostics diagnostics, UnaryOperator<Position> typeNames) {
        if (definition instanceof DirectiveDefinition) {
            return; // users may declare the Amplify directives for their IDE; ours are predeclared
        }
        if (definition instanceof SDLExtensionDefinition) {
            diagnostics.add(Problems.unsupportedDefinition(Ast.at(definition), "a type extension (extend ...)",
                    "declare all fields in the type itself"));
            return;
        }
        if (!(definition instanceof TypeDefinition<?> type)) {
            diagnostics.add(Problems.unsupportedDefinition(Ast.at(definition.getSourceLocation(), 1),
                    "this definition", "a schema file holds only type, enum and non-model object definitions"));
            return;
        }
        if (type instanceof ScalarTypeDefinition && SCALARS.contains(type.getName())) {
            return; // a redeclared AWS scalar, as some editors need
        }
        if (type instanceof ScalarTypeDefinition) {
            diagnostics.add(Problems.unsupportedDefinition(Ast.at(type), "custom scalar " + type.getName(),
                    "use one of " + Problems.oneOf(SCALARS.stream().sorted().toList())));
            return;
        }
        if (OPERATION_TYPES.contains(type.getName())) {
            diagnostics.add(Problems.unsupportedDefinition(Ast.at(type), "a custom " + type.getName() + " type",
                    "operations are derived from the @model types"));
            return;
        }
        if (SCALARS.contains(type.getName())) {
            diagnostics.add(Problems.reservedName(Ast.at(type), "type name", type.getName(), "it names a scalar"));
            return;
        }
        TypeDefinition<?> earlier = byName.putIfAbsent(type.getName(), type);
        if (earlier != null) {
            Position first = typeNames.apply(Ast.at(earlier));
            diagnostics.add(Problems.duplicateType(Ast.at(type), type.getName(), first));
            return;
        }
        if (type instanceof ObjectTypeDefinition object) {
            objects.add(object);
        } else if (type instanceof EnumTypeDefinition e) {
            enums.add(e);
        }
    }

    List<ObjectTypeDefinition> objects() {
        return objects;
    }

    List<EnumTypeDefinition> enums() {
        return enums;
    }

    Kind kindOf(String name) {
        if (SCALARS.contains(name)) {
            return Kind.SCALAR;
        }
        TypeDefinition<?> type = byName.get(name);
        if (type instanceof ObjectTypeDefinition object) {
            return isModel(object) ? Kind.MODEL : Kind.EMBEDDED;
        }
        if (type instanceof EnumTypeDefinition) {
            return Kind.ENUM;
        }
        if (type instanceof InterfaceTypeDefinition) {
            return Kind.INTERFACE;
        }
        if (type instanceof UnionTypeDefinition) {
            return Kind.UNION;
        }
        if (type instanceof InputObjectTypeDefinition) {
            return Kind.INPUT;
        }
        return Kind.UNKNOWN;
    }

    /**
     * A {@code @model} type, or one whose unknown directive is a misspelling of {@code @model}:
     * that misspelling is reported once, and the type is analysed as the model it was meant to be
     * instead of drawing an error from every relationship that points at it.
     */
    static boolean isModel(ObjectTypeDefinition object) {
        return object.hasDirective("model") || object.getDirectives().stream()
                .anyMatch(directive -> "model".equals(DirectiveSpec.meant(directive.getName())));
    }

    /** Names a field type could be meant as, for "did you mean" hints. */
    List<String> typeNames() {
        return Stream.concat(SCALARS.stream(), byName.keySet().stream()).sorted().toList();
    }
}
