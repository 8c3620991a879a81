package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.TypeRef;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.FieldDefinition;
import graphql.language.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Primary keys ({@code @primaryKey}, or Amplify's default {@code id: ID!}) and secondary indexes. */
final class Keys {
    /**
     * DynamoDB keeps key attributes as strings, numbers or bytes, never as booleans, and Amplify's
     * transformer refuses a Boolean in a primary key ("Boolean values cannot be used as sort keys").
     */
    private static final String BOOLEAN_KEY = "cannot key on %s: a Boolean is no key in AppSync's DynamoDB, which keys by"
            + " strings and numbers (an enum of two values can stand in for it)";

    private final Diagnostics diagnostics;
    private final ModelDraft draft;

    Keys(Diagnostics diagnostics, ModelDraft draft) {
        this.diagnostics = diagnostics;
        this.draft = draft;
    }

    void primaryKey(FieldDefinition field, Directive directive) {
        if (directive == null) {
            Optional<FieldDef> id = draft.field("id");
            if (id.isEmpty()) {
                draft.fields.add(0, FieldDef.implicit("id", TypeRef.scalar("ID", true), false));
            } else {
                keyPart(id.get(), draft.positionOf("id"), "the field id");
            }
            draft.primaryKey = List.of("id");
            return;
        }
        List<String> key = new ArrayList<>();
        key.add(field.getName());
        draft.field(field.getName()).ifPresent(f -> keyPart(f, Ast.at(field), "the field " + f.name()));
        for (StringValue sortKey : Ast.stringListArgument(directive, "sortKeyFields")) {
            if (sortKeyField(key, sortKey, "primary key")) {
                key.add(sortKey.getValue());
            }
        }
        draft.primaryKey = List.copyOf(key);
    }

    void index(FieldDefinition field, Directive directive) {
        List<String> fields = new ArrayList<>();
        fields.add(field.getName());
        draft.field(field.getName()).ifPresent(f -> {
            if (!isScalarOrEnum(f)) {
                diagnostics.add(Problems.invalidIndex(Ast.at(field), draft.name,
                        "needs a scalar or enum field, but " + f.name() + " is " + f.type()));
            } else if (isBoolean(f)) {
                diagnostics.add(Problems.invalidIndex(Ast.at(field), draft.name, BOOLEAN_KEY.formatted(f.name())));
            }
        });
        List<StringValue> sortKeys = Ast.stringListArgument(directive, "sortKeyFields");
        for (StringValue sortKey : sortKeys) {
            if (sortKeyField(fields, sortKey, "index")) {
                fields.add(sortKey.getValue());
            }
        }
        // a sort key of one field is a key attribute of its own; one of more is their text, joined by #
        if (sortKeys.size() == 1 && fields.size() == 2
                && draft.field(fields.get(1)).map(Keys::isBoolean).orElse(false)) {
            diagnostics.add(Problems.invalidIndex(Ast.at(sortKeys.get(0)), draft.name,
                    BOOLEAN_KEY.formatted(fields.get(1))));
        }
        Optional<Argument> nameArgument = Ast.argument(directive, "name");
        if (nameArgument.isPresent() && Ast.isNull(nameArgument.get().getValue())) { // as Amplify refuses it
            diagnostics.add(Problems.invalidArgument(Ast.at(nameArgument.get().getValue()), "index", "name",
                    "a name in quotes; leave it out for the default one"));
        }
        Optional<String> givenName = nameArgument.map(a -> Ast.name(a.getValue(), "index", "name", diagnostics));
        String generated = defaultIndexName(draft.pluralName, fields);
        String name = givenName.orElse(generated);
        // as Amplify names them (enableAutoIndexQueryNames, on by default): every index gets a
        // query field, named like an unnamed index, unless it names one or turns it off with null
        Optional<Argument> queryArgument = Ast.argument(directive, "queryField");
        String queryField = queryArgument.isEmpty() ? generated
                : Ast.isNull(queryArgument.get().getValue()) ? null
                : Ast.name(queryArgument.get().getValue(), "index", "queryField", diagnostics);
        if (draft.indexes.stream().anyMatch(i -> i.name().equals(name))) {
            diagnostics.add(Problems.invalidIndex(Ast.at(directive), draft.name, "'" + name + "' is declared twice"));
            return;
        }
        Optional<IndexDef> sameIgnoringCase = draft.indexes.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
        if (sameIgnoringCase.isPresent()) { // SQLite, under the local store, compares names ignoring case
            diagnostics.add(Problems.invalidIndex(Ast.at(directive), draft.name, "'" + name + "' differs from '"
                    + sameIgnoringCase.get().name() + "' only in case, and the local store's indexes would share a name"));
            return;
        }
        emptyDefaults(fields, name, Ast.at(directive));
        draft.indexes.add(new IndexDef(name, fields, queryField));
    }

    /**
     * Warns of an {@code @default} of the empty string on a field that index {@code name} keys by,
     * which DynamoDB refuses in a key: its partition key, and a sort key of one field (a longer one
     * is one value, its fields joined by {@code #}).
     */
    private void emptyDefaults(List<String> fields, String name, Position at) {
        for (String keyField : fields.size() == 2 ? fields : fields.subList(0, 1)) {
            draft.field(keyField).filter(f -> "".equals(f.defaultValue()))
                    .ifPresent(f -> diagnostics.add(Problems.emptyKeyDefault(at, draft.name, f.name(), name)));
        }
    }

    /**
     * The name Amplify gives an index that names none, and the query field of one that names none
     * (enableAutoIndexQueryNames, on by default): {@code postsByBlogIdAndTitle}.
     */
    static String defaultIndexName(String pluralName, List<String> fields) {
        return Names.lowerFirst(pluralName) + "By" + String.join("And", fields.stream().map(Names::upperFirst).toList());
    }

    /** Whether {@code sortKey} can follow the fields {@code chosen} so far (the partition key first). */
    private boolean sortKeyField(List<String> chosen, StringValue sortKey, String what) {
        String name = sortKey.getValue();
        Position at = Ast.at(sortKey);
        Optional<FieldDef> field = draft.field(name);
        if (field.isEmpty()) {
            diagnostics.add(name.equals(draft.createdAtField) || name.equals(draft.updatedAtField)
                    // as Amplify's transformer, a key sorts only on fields the type declares
                    ? Problems.undeclaredTimestamp(at, draft.name, name)
                    : Problems.unknownField(at, draft.name, name,
                            Names.suggest(name, draft.fields.stream().map(FieldDef::name).toList())));
            return false;
        }
        if (name.equals(chosen.get(0))) {
            diagnostics.add(Problems.invalidIndex(at, draft.name, "lists " + name + " as its own sort key"));
            return false;
        }
        if (chosen.contains(name)) {
            diagnostics.add(Problems.invalidIndex(at, draft.name, "lists the sort key " + name + " twice"));
            return false;
        }
        if (!isScalarOrEnum(field.get())) {
            diagnostics.add(Problems.invalidIndex(at, draft.name, "cannot sort on " + name + " (" + field.get().type()
                    + "); " + (what.equals("index") ? "an " : "a ") + what + " sorts on scalar and enum fields"));
            return false;
        }
        if (what.equals("primary key")) { // an index's Boolean sort key is looked at once all its fields are known
            if (isBoolean(field.get())) {
                diagnostics.add(Problems.invalidPrimaryKey(at, draft.name, BOOLEAN_KEY.formatted(name)));
                return false;
            }
            if (!field.get().type().required()) {
                diagnostics.add(Problems.invalidPrimaryKey(at, draft.name, "needs non-null fields, but " + name + " is "
                        + field.get().type()));
                return false;
            }
            noDefault(field.get(), at);
        }
        return true;
    }

    /** As Amplify: a key field with an {@code @default} would give every record created without it the same key. */
    private void noDefault(FieldDef field, Position at) {
        if (field.defaultValue() != null) {
            diagnostics.add(Problems.invalidPrimaryKey(at, draft.name, "cannot have a field with an @default ("
                    + field.name() + "): every record created without it would get the same key"));
        }
    }

    private void keyPart(FieldDef field, Position at, String what) {
        TypeRef type = field.type();
        if (!isScalarOrEnum(field) || !type.required()) {
            diagnostics.add(Problems.invalidPrimaryKey(at, draft.name,
                    "needs a non-null scalar or enum, but " + what + " is " + type));
        } else if (isBoolean(field)) {
            diagnostics.add(Problems.invalidPrimaryKey(at, draft.name, BOOLEAN_KEY.formatted(field.name())));
        }
        noDefault(field, at);
    }

    private static boolean isBoolean(FieldDef field) {
        return field.type().name().equals("Boolean");
    }

    /**
     * Whether keys and indexes can hold {@code field}: a single scalar or enum. A relationship
     * field is not resolved yet when keys are read, but its type already names a model.
     */
    private static boolean isScalarOrEnum(FieldDef field) {
        TypeRef type = field.type();
        return !field.isRelation() && !type.list() && (type.kind() == TypeRef.Kind.SCALAR || type.kind() == TypeRef.Kind.ENUM);
    }
}
