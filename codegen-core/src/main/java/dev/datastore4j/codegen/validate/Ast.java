package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.Names;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.EnumValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.NamedNode;
import graphql.language.Node;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small readers over graphql-java's syntax tree, and the positions diagnostics point at. */
final class Ast {
    private Ast() {}

    /** The position of {@code node}, underlining its name (or {@code @name} for a directive). */
    static Position at(Node<?> node) {
        int length = 1;
        if (node instanceof Directive directive) {
            length = directive.getName().length() + 1;
        } else if (node instanceof NamedNode<?> named && named.getName() != null) {
            length = named.getName().length();
        } else if (node instanceof StringValue string) {
            length = string.getValue().length() + 2;
        }
        return at(node.getSourceLocation(), length);
    }

    /** Object fields carry no location of their own in graphql-java; their values do. */
    static Position at(ObjectField field) {
        SourceLocation location = field.getSourceLocation() != null ? field.getSourceLocation()
                : field.getValue().getSourceLocation();
        int length = field.getSourceLocation() != null ? field.getName().length()
                : field.getValue() instanceof StringValue s ? s.getValue().length() + 2 : 1;
        return at(location, length);
    }

    /** The named type inside list and non-null wrappers, which diagnostics about a field's type underline. */
    static TypeName typeName(Type<?> type) {
        Type<?> inner = type;
        while (!(inner instanceof TypeName)) {
            inner = inner instanceof ListType list ? list.getType() : ((NonNullType) inner).getType();
        }
        return (TypeName) inner;
    }

    static Position at(SourceLocation location, int length) {
        if (location == null) {
            return new Position("<schema>", 0, 0, length);
        }
        String source = location.getSourceName() == null ? "<schema>" : location.getSourceName();
        return new Position(source, location.getLine(), location.getColumn(), length);
    }

    static Optional<Argument> argument(Directive directive, String name) {
        return Optional.ofNullable(directive.getArgument(name));
    }

    /** A string or enum literal; null for an absent or null argument. */
    static String string(Value<?> value) {
        if (value instanceof StringValue s) {
            return s.getValue();
        }
        if (value instanceof EnumValue e) {
            return e.getName();
        }
        return null;
    }

    /**
     * A string literal that must be a GraphQL name because it becomes one (an operation, a field);
     * reports anything else as an invalid argument of {@code @directive} and returns null.
     */
    static String name(Value<?> value, String directive, String argument, Diagnostics diagnostics) {
        String text = string(value);
        if (text != null && !Names.isGraphQlName(text)) {
            diagnostics.add(Problems.invalidArgument(at(value), directive, argument,
                    "a GraphQL name (letters, digits and _, not starting with a digit), not \"" + text + "\""));
            return null;
        }
        return text;
    }

    static boolean isNull(Value<?> value) {
        return value == null || value instanceof NullValue;
    }

    /** The elements of a list literal; a single value counts as a one-element list, as in GraphQL. */
    static List<Value<?>> elements(Value<?> value) {
        if (isNull(value)) {
            return List.of();
        }
        if (value instanceof ArrayValue array) {
            List<Value<?>> values = new ArrayList<>();
            for (Value<?> element : array.getValues()) {
                values.add(element);
            }
            return values;
        }
        return List.of(value);
    }

    static Optional<ObjectField> field(ObjectValue object, String name) {
        return object.getObjectFields().stream().filter(f -> f.getName().equals(name)).findFirst();
    }

    static Optional<String> stringArgument(Directive directive, String name) {
        return argument(directive, name).map(a -> string(a.getValue()));
    }

    static List<StringValue> stringListArgument(Directive directive, String name) {
        List<StringValue> strings = new ArrayList<>();
        argument(directive, name).ifPresent(a -> {
            for (Value<?> element : elements(a.getValue())) {
                if (element instanceof StringValue s) {
                    strings.add(s);
                }
            }
        });
        return strings;
    }

    static List<String> values(List<StringValue> strings) {
        return strings.stream().map(StringValue::getValue).toList();
    }
}
