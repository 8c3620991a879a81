package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.AuthRuleDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Operations;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.TypeRef;
import graphql.language.Directive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code @manyToMany(relationName: "PostTags")} on a field of each side becomes a join model
 * {@code PostTags} with {@code postId}/{@code tagId} keys and a {@code @belongsTo} to each side,
 * and each side's field becomes a has-many of the join model, as Amplify does.
 */
final class ManyToMany {
    private record Side(ModelDraft model, FieldDef field, Directive directive) {}

    private final Diagnostics diagnostics;
    private final Map<String, ModelDraft> models;
    private final Set<String> declaredTypes;

    ManyToMany(Diagnostics diagnostics, Map<String, ModelDraft> models, Set<String> declaredTypes) {
        this.diagnostics = diagnostics;
        this.models = models;
        this.declaredTypes = declaredTypes;
    }

    void resolve() {
        Map<String, List<Side>> byRelation = new LinkedHashMap<>();
        for (ModelDraft model : models.values()) {
            model.relationDirectives.forEach((fieldName, directive) -> {
                if (directive.getName().equals("manyToMany")) {
                    Ast.argument(directive, "relationName")
                            .map(a -> Ast.name(a.getValue(), "manyToMany", "relationName", diagnostics))
                            .ifPresent(name -> byRelation
                            .computeIfAbsent(name, k -> new ArrayList<>())
                            .add(new Side(model, model.field(fieldName).orElseThrow(), directive)));
                }
            });
        }
        byRelation.forEach(this::join);
    }

    private void join(String relationName, List<Side> sides) {
        if (sides.size() != 2) {
            for (Side side : sides) {
                diagnostics.add(Problems.manyToMany(Ast.at(side.directive()), "relationName \"" + relationName
                        + "\" is used by " + sides.size() + " field(s); @manyToMany needs exactly two, one in each model",
                        "give the field on the other model @manyToMany(relationName: \"" + relationName + "\")"));
            }
            return;
        }
        Side a = sides.get(0);
        Side b = sides.get(1);
        Position at = Ast.at(b.directive());
        if (a.model() == b.model()) {
            diagnostics.add(Problems.manyToMany(at, "@manyToMany between a model and itself is not supported",
                    "declare the join model yourself with two @belongsTo fields"));
            return;
        }
        for (Side side : sides) {
            Side other = side == a ? b : a;
            if (!side.field().type().list() || !side.field().type().name().equals(other.model().name)) {
                diagnostics.add(Problems.manyToMany(Ast.at(side.directive()), side.model().name + "."
                        + side.field().name() + " must be a list of " + other.model().name + " for relation "
                        + relationName, null));
                return;
            }
        }
        if (declaredTypes.contains(relationName) || models.containsKey(relationName)) {
            diagnostics.add(Problems.nameClash(at, "relationName \"" + relationName + "\" names an existing type",
                    "@manyToMany creates a model of that name; choose another relationName"));
            return;
        }
        ModelDraft joinModel = joinModel(relationName, a.model(), b.model(), Ast.at(a.directive()));
        models.put(relationName, joinModel);
        for (Side side : sides) {
            List<String> keys = keyNames(side.model());
            TypeRef type = new TypeRef(relationName, TypeRef.Kind.MODEL, true, side.field().type().required(),
                    side.field().type().elementRequired());
            FieldDef field = new FieldDef(side.field().name(), side.field().description(), type,
                    new Relation(Relation.Kind.HAS_MANY, relationName, false, keys, side.model().primaryKey),
                    null, false, false, side.field().authRules());
            side.model().replaceField(field);
            side.model().relationDirectives.remove(side.field().name());
        }
    }

    private ModelDraft joinModel(String name, ModelDraft left, ModelDraft right, Position at) {
        ModelDraft join = new ModelDraft(name, at);
        join.joinModel = true;
        join.pluralName = Plurals.plural(name);
        join.fields.add(FieldDef.implicit("id", TypeRef.scalar("ID", true), false));
        for (ModelDraft side : List.of(left, right)) {
            List<String> keys = keyNames(side);
            for (int i = 0; i < keys.size(); i++) {
                TypeRef keyType = side.field(side.primaryKey.get(i)).map(FieldDef::type)
                        .orElse(TypeRef.scalar("ID", true));
                join.fields.add(new FieldDef(keys.get(i), null, keyType.withRequired(true), null, null, false, false,
                        List.of()));
            }
            // with a query field, as every index has one by default (postTagsByPostId)
            join.indexes.add(new IndexDef("by" + side.name, keys, Keys.defaultIndexName(join.pluralName, keys)));
        }
        for (ModelDraft side : List.of(left, right)) {
            Relation belongsTo = new Relation(Relation.Kind.BELONGS_TO, side.name, true, keyNames(side),
                    side.primaryKey);
            join.fields.add(new FieldDef(Names.lowerFirst(side.name), null,
                    new TypeRef(side.name, TypeRef.Kind.MODEL, false, true, false), belongsTo, null, false, false,
                    List.of()));
        }
        LinkedHashSet<AuthRuleDef> rules = new LinkedHashSet<>(left.authRules);
        rules.addAll(right.authRules);
        join.authRules.addAll(rules);
        SchemaAnalyzer.addTimestamps(join);
        SchemaAnalyzer.addOwnerFields(join);
        join.operations = new Operations("get" + name, "list" + join.pluralName, "sync" + join.pluralName,
                "create" + name, "update" + name, "delete" + name, "onCreate" + name, "onUpdate" + name,
                "onDelete" + name);
        return join;
    }

    /**
     * The join model's key fields for one side, named as Amplify's transformer names them, since
     * they are the join model's fields on the wire: {@code postId} for the partition key, then for
     * each sort key field the model's name and the field's name as written ({@code posttitle} for
     * a sort key field {@code title}: Amplify does not capitalize it).
     */
    private static List<String> keyNames(ModelDraft side) {
        List<String> names = new ArrayList<>();
        String prefix = Names.lowerFirst(side.name);
        for (int i = 0; i < side.primaryKey.size(); i++) {
            String keyField = side.primaryKey.get(i);
            names.add(prefix + (i == 0 ? Names.upperFirst(keyField) : keyField));
        }
        return names;
    }
}
