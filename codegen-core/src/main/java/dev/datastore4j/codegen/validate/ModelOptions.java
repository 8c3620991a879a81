package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Operations;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code @model}: operation names ({@code queries}, {@code mutations},
 * {@code subscriptions}) and timestamp fields ({@code timestamps}), with Amplify's defaults. A map
 * given for an operation group renames the operations it names, or turns them off with
 * {@code null}, and leaves the others as they are (Amplify's transformer merges it into its
 * defaults: {@code subscriptions: {level: public}} keeps onCreate, onUpdate and onDelete);
 * {@code null} for the group, or a subscription {@code level} of {@code off}, turns the group off.
 */
final class ModelOptions {
    private ModelOptions() {}

    static void apply(Directive model, ModelDraft draft, Diagnostics diagnostics) {
        String name = draft.name;
        String plural = draft.pluralName;
        Optional<Argument> queries = Ast.argument(model, "queries");
        Optional<Argument> mutations = Ast.argument(model, "mutations");
        Optional<Argument> subscriptions = Ast.argument(model, "subscriptions");
        check(queries, Set.of("get", "list"), diagnostics);
        check(mutations, Set.of("create", "update", "delete"), diagnostics);
        check(subscriptions, Set.of("onCreate", "onUpdate", "onDelete", "level"), diagnostics);
        boolean subscriptionsOff = subscriptions.map(a -> a.getValue() instanceof ObjectValue o
                && "off".equals(Ast.field(o, "level").map(f -> Ast.string(f.getValue())).orElse(null)))
                .orElse(false);
        draft.operations = new Operations(
                pick(queries, "get", "get" + name, diagnostics),
                pick(queries, "list", "list" + plural, diagnostics),
                "sync" + plural,
                pick(mutations, "create", "create" + name, diagnostics),
                pick(mutations, "update", "update" + name, diagnostics),
                pick(mutations, "delete", "delete" + name, diagnostics),
                subscriptionsOff ? null : pick(subscriptions, "onCreate", "onCreate" + name, diagnostics),
                subscriptionsOff ? null : pick(subscriptions, "onUpdate", "onUpdate" + name, diagnostics),
                subscriptionsOff ? null : pick(subscriptions, "onDelete", "onDelete" + name, diagnostics));
        Ast.argument(model, "timestamps").ifPresent(argument -> {
            check(Optional.of(argument), Set.of("createdAt", "updatedAt"), diagnostics);
            Value<?> value = argument.getValue();
            draft.timestampsPosition = Ast.at(value);
            draft.createdAtField = timestamp(value, "createdAt", diagnostics);
            draft.updatedAtField = timestamp(value, "updatedAt", diagnostics);
        });
    }

    static List<String> timestampNames(ModelDraft draft) {
        List<String> names = new ArrayList<>();
        if (draft.createdAtField != null) {
            names.add(draft.createdAtField);
        }
        if (draft.updatedAtField != null) {
            names.add(draft.updatedAtField);
        }
        return names;
    }

    private static void check(Optional<Argument> argument, Set<String> keys, Diagnostics diagnostics) {
        if (argument.isPresent() && argument.get().getValue() instanceof ObjectValue object) {
            for (ObjectField field : object.getObjectFields()) {
                if (!keys.contains(field.getName())) {
                    diagnostics.add(Problems.unknownArgument(Ast.at(field), "model",
                            argument.get().getName() + "." + field.getName(),
                            Names.suggest(field.getName(), keys)));
                }
            }
        }
    }

    /** The name for one operation: the default when the group is not mentioned. */
    private static String pick(Optional<Argument> group, String key, String fallback, Diagnostics diagnostics) {
        if (group.isEmpty()) {
            return fallback;
        }
        if (!(group.get().getValue() instanceof ObjectValue object)) {
            return null; // the group is null: turned off
        }
        Optional<ObjectField> field = Ast.field(object, key);
        if (field.isEmpty()) {
            return fallback; // not named: Amplify's name
        }
        List<Value<?>> values = Ast.elements(field.get().getValue());
        return values.isEmpty() ? null // null or []: turned off
                : Ast.name(values.get(0), "model", group.get().getName() + "." + key, diagnostics);
    }

    private static String timestamp(Value<?> value, String key, Diagnostics diagnostics) {
        if (!(value instanceof ObjectValue object)) {
            return null; // timestamps: null
        }
        Optional<ObjectField> field = Ast.field(object, key);
        if (field.isEmpty()) {
            return key;
        }
        Value<?> name = field.get().getValue();
        if (Ast.isNull(name)) {
            return null; // this one turned off
        }
        if (!(name instanceof StringValue)) {
            diagnostics.add(Problems.invalidArgument(Ast.at(name), "model", "timestamps." + key,
                    "a field name in quotes, or null for no " + key + " field"));
            return key;
        }
        return Ast.name(name, "model", "timestamps." + key, diagnostics);
    }
}
