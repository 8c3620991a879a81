package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.TypeRef;
import graphql.language.Directive;
import graphql.language.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resolves relationship fields to the fields that hold their keys, adding Amplify's implicit
 * foreign keys ({@code Blog.posts @hasMany} → {@code Post.blogPostsId}, {@code Project.team @hasOne}
 * → {@code Project.projectTeamId}). Has-many and has-one go first, so that a {@code @belongsTo} can
 * share the key its counterpart created.
 */
final class RelationResolver {
    private static final Set<String> STRING_KEYS = Set.of("ID", "String");

    private final Diagnostics diagnostics;
    private final Map<String, ModelDraft> models;
    private final Set<String> declaredTypes;

    RelationResolver(Diagnostics diagnostics, Map<String, ModelDraft> models, Set<String> declaredTypes) {
        this.diagnostics = diagnostics;
        this.models = models;
        this.declaredTypes = declaredTypes;
    }

    void resolve() {
        new ManyToMany(diagnostics, models, declaredTypes).resolve();
        for (String kind : List.of("hasMany", "hasOne", "belongsTo")) {
            for (ModelDraft model : List.copyOf(models.values())) {
                model.relationDirectives.forEach((fieldName, directive) -> {
                    if (directive.getName().equals(kind)) {
                        FieldDef field = model.field(fieldName).orElseThrow();
                        ModelDraft related = models.get(field.type().name());
                        Relation relation = switch (kind) {
                            case "hasMany" -> hasMany(model, field, directive, related);
                            case "hasOne" -> hasOne(model, field, directive, related);
                            default -> belongsTo(model, field, directive, related);
                        };
                        if (relation != null) {
                            model.replaceField(withRelation(field, relation));
                        }
                    }
                });
            }
        }
        checkTwoWayCascades();
    }

    /**
     * Warns of a {@code @hasOne} keyed by fields of its own model ({@code fields: [...]}) when the
     * related model finds this model's records by those same fields (a {@code @hasMany}, or a
     * {@code @hasOne} by references): each side then takes the other for its child, and a delete of
     * either deletes the other, and through it everything that hangs from it (a message deleting
     * its author, and with him every message he wrote). Amplify deletes so too; a field that names
     * the record its model belongs to is a {@code @belongsTo}, which keeps the key where it is and
     * cascades one way only.
     */
    private void checkTwoWayCascades() {
        for (ModelDraft model : models.values()) {
            model.relationDirectives.forEach((fieldName, directive) -> {
                Relation relation = model.field(fieldName).map(FieldDef::relation).orElse(null);
                if (!directive.getName().equals("hasOne") || relation == null || !relation.foreignKeyOnThisModel()) {
                    return;
                }
                ModelDraft related = models.get(relation.relatedModel());
                related.allFields()
                        .filter(f -> f.isRelation() && f.type().name().equals(model.name)
                                && f.relation().kind() != Relation.Kind.BELONGS_TO && !f.relation().foreignKeyOnThisModel()
                                && f.relation().foreignKeyFields().equals(relation.foreignKeyFields()))
                        .findFirst()
                        .ifPresent(back -> diagnostics.add(Problems.twoWayCascade(Ast.at(directive), model.name,
                                fieldName, related.name, back.name(), relation.foreignKeyFields())));
            });
        }
    }

    private Relation hasMany(ModelDraft model, FieldDef field, Directive directive, ModelDraft child) {
        String label = model.name + "." + field.name();
        if (!field.type().list()) {
            diagnostics.add(Problems.relationshipShape(Ast.at(directive), "hasMany", label,
                    "a list type, e.g. [" + child.name + "]"));
            return null;
        }
        List<StringValue> references = Ast.stringListArgument(directive, "references");
        List<StringValue> fields = Ast.stringListArgument(directive, "fields");
        Optional<String> indexName = Ast.stringArgument(directive, "indexName");
        if (!references.isEmpty() && (!fields.isEmpty() || indexName.isPresent())) {
            diagnostics.add(Problems.relationshipShape(Ast.at(directive), "hasMany", label,
                    "either references or fields/indexName, not both"));
            return null;
        }
        if (!references.isEmpty()) {
            List<String> keys = existing(child, references);
            if (keys == null || !sameShape(label, Ast.at(directive), child, keys, model, model.primaryKey)) {
                return null;
            }
            // AppSync finds the children by an index it adds, gsi-Blog.posts, keyed by the first reference
            child.field(keys.get(0)).filter(f -> "".equals(f.defaultValue())).ifPresent(f -> diagnostics.add(
                    Problems.emptyKeyDefault(Ast.at(references.get(0)), child.name, f.name(), "gsi-" + label)));
            return new Relation(Relation.Kind.HAS_MANY, child.name, false, keys, model.primaryKey);
        }
        if (!fields.isEmpty() || indexName.isPresent()) {
            List<String> parentFields = fields.isEmpty() ? model.primaryKey : existing(model, fields);
            if (parentFields == null) {
                return null;
            }
            List<String> childKey = child.primaryKey;
            if (indexName.isPresent()) {
                Optional<IndexDef> index = child.indexes.stream()
                        .filter(i -> i.name().equals(indexName.get())).findFirst();
                if (index.isEmpty()) {
                    diagnostics.add(Problems.invalidIndex(Ast.at(directive.getArgument("indexName")), child.name,
                            "'" + indexName.get() + "' does not exist; declare it with @index(name: \""
                                    + indexName.get() + "\") on the field that holds the key"));
                    return null;
                }
                childKey = index.get().fields();
            }
            List<String> keys = childKey.subList(0, Math.min(childKey.size(), parentFields.size()));
            return !sameShape(label, Ast.at(directive), child, keys, model, parentFields) ? null
                    : new Relation(Relation.Kind.HAS_MANY, child.name, false, keys, parentFields, indexName.orElse(null));
        }
        List<String> keys = implicitKeys(model, field.name(), model, child);
        return new Relation(Relation.Kind.HAS_MANY, child.name, false, keys, model.primaryKey);
    }

    private Relation hasOne(ModelDraft model, FieldDef field, Directive directive, ModelDraft child) {
        String label = model.name + "." + field.name();
        if (field.type().list()) {
            diagnostics.add(Problems.relationshipShape(Ast.at(directive), "hasOne", label,
                    "a single model type, not a list (use @hasMany for lists)"));
            return null;
        }
        List<StringValue> references = Ast.stringListArgument(directive, "references");
        List<StringValue> fields = Ast.stringListArgument(directive, "fields");
        if (!references.isEmpty() && !fields.isEmpty()) {
            diagnostics.add(Problems.relationshipShape(Ast.at(directive), "hasOne", label,
                    "either references or fields, not both"));
            return null;
        }
        if (!references.isEmpty()) {
            List<String> keys = existing(child, references);
            return keys == null || !sameShape(label, Ast.at(directive), child, keys, model, model.primaryKey) ? null
                    : new Relation(Relation.Kind.HAS_ONE, child.name, false, keys, model.primaryKey);
        }
        if (!fields.isEmpty()) {
            List<String> keys = existing(model, fields);
            return keys == null || !sameShape(label, Ast.at(directive), model, keys, child, child.primaryKey) ? null
                    : new Relation(Relation.Kind.HAS_ONE, child.name, true, keys, child.primaryKey);
        }
        List<String> keys = implicitKeys(model, field.name(), child, model);
        return new Relation(Relation.Kind.HAS_ONE, child.name, true, keys, child.primaryKey);
    }

    private Relation belongsTo(ModelDraft model, FieldDef field, Directive directive, ModelDraft parent) {
        String label = model.name + "." + field.name();
        if (field.type().list()) {
            diagnostics.add(Problems.relationshipShape(Ast.at(directive), "belongsTo", label,
                    "a single model type, not a list"));
            return null;
        }
        List<StringValue> references = Ast.stringListArgument(directive, "references");
        List<StringValue> fields = Ast.stringListArgument(directive, "fields");
        if (!references.isEmpty() && !fields.isEmpty()) {
            diagnostics.add(Problems.relationshipShape(Ast.at(directive), "belongsTo", label,
                    "either references or fields, not both"));
            return null;
        }
        List<FieldDef> counterparts = parent.allFields()
                .filter(f -> f.isRelation() && f.type().name().equals(model.name)
                        && f.relation().kind() != Relation.Kind.BELONGS_TO)
                .toList();
        List<StringValue> explicit = references.isEmpty() ? fields : references;
        if (!explicit.isEmpty()) {
            if (!references.isEmpty() && counterparts.isEmpty()) {
                diagnostics.add(Problems.belongsToWithoutParent(Ast.at(directive), label, model.name, parent.name));
                return null;
            }
            List<String> keys = existing(model, explicit);
            if (keys == null || !sameShape(label, Ast.at(directive), model, keys, parent, parent.primaryKey)) {
                return null;
            }
            checkSharedKey(Ast.at(directive), model, label, keys, parent, counterparts, !references.isEmpty());
            return new Relation(Relation.Kind.BELONGS_TO, parent.name, true, keys, parent.primaryKey);
        }
        if (counterparts.isEmpty()) {
            diagnostics.add(Problems.belongsToWithoutParent(Ast.at(directive), label, model.name, parent.name));
            return null;
        }
        if (counterparts.size() > 1) {
            FieldDef second = counterparts.get(1);
            String hint = second.relation().foreignKeyOnThisModel()
                    ? "to pair it with another, name that one's key fields: @belongsTo(fields: [...])"
                    : "to pair it with " + parent.name + "." + second.name() + ", name the key that one uses: "
                            + "@belongsTo(fields: " + quoted(second.relation().foreignKeyFields()) + ")";
            diagnostics.add(Problems.ambiguousBelongsTo(Ast.at(directive), label,
                    counterparts.stream().map(f -> parent.name + "." + f.name()).toList(), hint));
        }
        Relation other = counterparts.get(0).relation();
        List<String> keys = other.foreignKeyOnThisModel()
                ? implicitKeys(model, field.name(), parent, model)
                : other.foreignKeyFields();
        List<String> target = other.foreignKeyOnThisModel() ? parent.primaryKey : other.relatedKeyFields();
        return new Relation(Relation.Kind.BELONGS_TO, parent.name, true, keys, target);
    }

    /**
     * Warns when a {@code @belongsTo} that names its key fields has counterparts finding their
     * children by other fields (Amplify takes them as separate relationships): a child saved with
     * its parent would then not be among that parent's children.
     */
    private void checkSharedKey(Position at, ModelDraft model, String label, List<String> keys, ModelDraft parent,
            List<FieldDef> counterparts, boolean byReferences) {
        List<FieldDef> keyedHere = counterparts.stream().filter(f -> !f.relation().foreignKeyOnThisModel()).toList();
        if (keyedHere.isEmpty() || keyedHere.stream().anyMatch(f -> f.relation().foreignKeyFields().equals(keys))) {
            return;
        }
        FieldDef other = keyedHere.get(0);
        String otherLabel = parent.name + "." + other.name();
        String hint;
        if (byReferences || other.relation().kind() != Relation.Kind.HAS_MANY) {
            hint = "name the same fields in the references: of " + otherLabel + " and of this @belongsTo";
        } else {
            String index = model.primaryKey.subList(0, Math.min(keys.size(), model.primaryKey.size())).equals(keys)
                    ? "" : "indexName: \"<an @index on " + model.name + "." + keys.get(0) + ">\", ";
            hint = "to share " + keys + ", declare " + otherLabel + " @hasMany(" + index + "fields: "
                    + quoted(parent.primaryKey) + "); or leave fields: out here to use "
                    + other.relation().foreignKeyFields();
        }
        diagnostics.add(Problems.relationshipKeysDiffer(at, label, keys, otherLabel,
                other.relation().foreignKeyFields(), model.name, parent.name, hint));
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * Adds Amplify's implicit foreign keys to {@code holder}: one per key field of {@code target},
     * named {@code camelCase(owner, field, keyField)}. A field the schema declares by that name is
     * taken for it, and must be of the key field's type.
     */
    private List<String> implicitKeys(ModelDraft owner, String field, ModelDraft target, ModelDraft holder) {
        List<String> names = new ArrayList<>();
        for (String keyField : target.primaryKey) {
            String name = Names.camelCase(owner.name, field, keyField);
            TypeRef keyType = target.field(keyField).map(FieldDef::type).orElse(TypeRef.scalar("ID", true));
            holder.field(name).filter(declared -> declared.type().list()
                            || !sameKeyType(declared.type().name(), keyType.name()))
                    .ifPresent(declared -> diagnostics.add(Problems.keyMismatch(holder.positionOf(name),
                            holder.name + "." + name, "it holds the key of " + owner.name + "." + field + ", "
                                    + target.name + "." + keyField + " (" + keyType.name() + "), but is "
                                    + declared.type())));
            holder.addForeignKey(FieldDef.implicit(name, keyType.withRequired(false), false));
            names.add(name);
        }
        return names;
    }

    /** Whether a key of type {@code one} can hold one of type {@code other}: the same, or both text. */
    private static boolean sameKeyType(String one, String other) {
        return one.equals(other) || STRING_KEYS.contains(one) && STRING_KEYS.contains(other);
    }

    private List<String> existing(ModelDraft model, List<StringValue> names) {
        boolean ok = true;
        for (StringValue name : names) {
            Optional<FieldDef> field = model.field(name.getValue());
            if (field.isEmpty()) {
                diagnostics.add(Problems.unknownKeyField(Ast.at(name), model.name, name.getValue(), Names.suggest(
                        name.getValue(), model.allFields().filter(this::canHoldKey).map(FieldDef::name).toList())));
                ok = false;
            } else if (!canHoldKey(field.get())) {
                diagnostics.add(Problems.keyMismatch(Ast.at(name), model.name + "." + name.getValue(),
                        "a relationship field (" + field.get().type() + ") cannot hold a key; name the fields that"
                                + " hold the related record's key"));
                ok = false;
            } else if (Stream.concat(model.ownerFields.stream(), model.timestamps.stream())
                    .anyMatch(f -> f.name().equals(name.getValue()))) {
                // the server sets these (the caller's identity, the time of a write): no key can live in them
                diagnostics.add(Problems.keyMismatch(Ast.at(name), model.name + "." + name.getValue(),
                        "a field the server sets (an @auth rule's owner field, or a timestamp) cannot hold a key;"
                                + " declare a field of its own for it"));
                ok = false;
            }
        }
        return ok ? Ast.values(names) : null;
    }

    /**
     * Whether {@code field} may be named as one that holds a key: not a relationship, including
     * one whose directive is not resolved yet (a field whose type is a model).
     */
    private boolean canHoldKey(FieldDef field) {
        return !field.isRelation() && !models.containsKey(field.type().name());
    }

    /** Checks that foreign key fields match the key they point at, in number and type. */
    private boolean sameShape(String label, Position at, ModelDraft holder, List<String> keys, ModelDraft target,
            List<String> targetKey) {
        if (keys.size() != targetKey.size()) {
            diagnostics.add(Problems.keyMismatch(at, label, keys.size() + " key field(s) " + keys + " for the "
                    + targetKey.size() + " key field(s) " + targetKey + " of " + target.name));
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            Optional<TypeRef> fromType = holder.field(keys.get(i)).map(FieldDef::type);
            String from = fromType.map(t -> t.list() ? t.sdl() : t.name()).orElse("?");
            String to = target.field(targetKey.get(i)).map(f -> f.type().name()).orElse("?");
            if (fromType.map(TypeRef::list).orElse(false) || !sameKeyType(fromType.map(TypeRef::name).orElse("?"), to)) {
                diagnostics.add(Problems.keyMismatch(at, label, holder.name + "." + keys.get(i) + " is " + from
                        + " but " + target.name + "." + targetKey.get(i) + " is " + to));
                return false;
            }
        }
        return true;
    }

    static FieldDef withRelation(FieldDef field, Relation relation) {
        return new FieldDef(field.name(), field.description(), field.type(), relation, field.defaultValue(),
                field.readOnly(), field.implicit(), field.authRules());
    }
}
