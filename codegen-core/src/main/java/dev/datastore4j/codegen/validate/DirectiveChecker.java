package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.Names;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks directive names, placement and argument shapes against {@link DirectiveSpec}. */
final class DirectiveChecker {
    private final Diagnostics diagnostics;

    DirectiveChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Reports every problem with {@code directives} found at {@code location}; {@code where}
     * describes the place for messages ("a field of a non-model type"). Returns the directives
     * that are well formed, which later passes interpret.
     */
    List<Directive> check(List<Directive> directives, DirectiveSpec.Location location, String where,
            Set<String> allowedHere) {
        Set<String> seen = new HashSet<>();
        return directives.stream().filter(d -> checkOne(d, location, where, allowedHere, seen)).toList();
    }

    private boolean checkOne(Directive directive, DirectiveSpec.Location location, String where,
            Set<String> allowedHere, Set<String> seen) {
        String name = directive.getName();
        DirectiveSpec spec = DirectiveSpec.SUPPORTED.get(name);
        if (spec == null) {
            String hint = DirectiveSpec.UNSUPPORTED.get(name);
            if (hint != null) {
                diagnostics.add(Problems.unsupportedDirective(Ast.at(directive), name, hint));
            } else {
                diagnostics.add(Problems.unknownDirective(Ast.at(directive), name, DirectiveSpec.meant(name)));
            }
            return false;
        }
        if (!spec.locations().contains(location) || !allowedHere.contains(name)) {
            diagnostics.add(Problems.misplacedDirective(Ast.at(directive), name, where));
            return false;
        }
        if (!seen.add(name) && !spec.repeatable()) {
            diagnostics.add(Problems.repeatedDirective(Ast.at(directive), name));
            return false;
        }
        boolean ok = true;
        for (Argument argument : directive.getArguments()) {
            DirectiveSpec.ArgKind kind = spec.arguments().get(argument.getName());
            if (kind == null) {
                diagnostics.add(Problems.unknownArgument(Ast.at(argument), name, argument.getName(),
                        Names.suggest(argument.getName(), spec.arguments().keySet())));
                ok = false;
            } else if (!fits(argument.getValue(), kind, spec.requiredArguments().contains(argument.getName()))) {
                diagnostics.add(Problems.invalidArgument(Ast.at(argument), name, argument.getName(),
                        kind.description));
                ok = false;
            }
        }
        for (String required : spec.requiredArguments().stream().sorted().toList()) {
            if (directive.getArgument(required) == null) {
                diagnostics.add(Problems.missingArgument(Ast.at(directive), name, required));
                ok = false;
            }
        }
        return ok;
    }

    private static boolean fits(Value<?> value, DirectiveSpec.ArgKind kind, boolean required) {
        if (value instanceof NullValue) {
            return !required && (kind == DirectiveSpec.ArgKind.OBJECT || kind == DirectiveSpec.ArgKind.STRING);
        }
        return switch (kind) {
            case STRING -> value instanceof StringValue;
            case INT -> value instanceof IntValue;
            case OBJECT -> value instanceof ObjectValue;
            case STRING_LIST -> Ast.elements(value).stream().allMatch(v -> v instanceof StringValue)
                    && (value instanceof ArrayValue || value instanceof StringValue);
            case OBJECT_LIST -> Ast.elements(value).stream().allMatch(v -> v instanceof ObjectValue)
                    && (value instanceof ArrayValue || value instanceof ObjectValue);
        };
    }
}
