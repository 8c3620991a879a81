package dev.datastore4j.codegen.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A validated {@code @model} type. {@code fields} keeps AppSync's order: declared fields (with
 * relationship fields in place), then implicit timestamps, implicit foreign keys and owner fields.
 * {@code joinModel} marks the models {@code @manyToMany} creates. {@code createdAtField} and
 * {@code updatedAtField} name the timestamp fields the server sets (null when turned off).
 */
public record ModelDef(
        String name,
        String description,
        String pluralName,
        List<FieldDef> fields,
        List<String> primaryKey,
        List<IndexDef> indexes,
        List<AuthRuleDef> authRules,
        Operations operations,
        boolean joinModel,
        String createdAtField,
        String updatedAtField) {

    public ModelDef {
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        authRules = List.copyOf(authRules);
    }

    public Optional<FieldDef> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** Fields that hold a value: everything but relationship fields. */
    public List<FieldDef> valueFields() {
        return fields.stream().filter(f -> !f.isRelation()).toList();
    }

    /**
     * Whether a create may leave out the {@code id} field and have one made for it, as AppSync
     * makes one for any field {@code id} of a type an id made of text fits ({@code ID} or
     * {@code String}), whether it is the key, part of it, or a field beside another key. An
     * {@code id: Int!} must be given, or the made id would be a string where an Int belongs.
     */
    public boolean generatesId() {
        return field("id").map(f -> !f.type().list() && (f.type().name().equals("ID") || f.type().name().equals("String")))
                .orElse(false);
    }

    /**
     * The owner fields a subscription takes as arguments, as Amplify's transformer adds them: the
     * field of each owner rule that lets its owners listen, the model's or a field's, unless it
     * holds a list of owners ({@code editors: [String]}).
     */
    public List<String> ownerArguments() {
        return ownerRules().filter(rule -> rule.allows("listen"))
                .map(AuthRuleDef::ownerField).distinct()
                .filter(owner -> field(owner).map(f -> !f.type().list()).orElse(true)).toList();
    }

    /** The fields the owner rules of the model and of its fields name, each once, the model's first. */
    public List<String> ownerFields() {
        return ownerRules().map(AuthRuleDef::ownerField).distinct().toList();
    }

    /** Whether {@code fieldName} is one of the model's timestamps, {@code createdAt} or {@code updatedAt} (or as renamed). */
    public boolean isTimestamp(String fieldName) {
        return fieldName.equals(createdAtField) || fieldName.equals(updatedAtField);
    }

    /** The rules of the model and of its fields, the model's first. */
    public Stream<AuthRuleDef> allAuthRules() {
        return Stream.concat(authRules.stream(), fields.stream().flatMap(field -> field.authRules().stream()));
    }

    private Stream<AuthRuleDef> ownerRules() {
        return allAuthRules().filter(rule -> rule.allow().equals("owner"));
    }

    public boolean hasCompositeKey() {
        return primaryKey.size() > 1;
    }

    /**
     * The fields this model's records come sorted by (then by key) as the children of
     * {@code relation}, a has-many or has-one keyed on this model: those after its foreign key in
     * the index it names, or else in the first key of this model (primary key first) that starts
     * with the foreign key; none when no key does. The server and generated models agree on it.
     */
    public List<String> childSortFields(Relation relation) {
        List<String> foreignKey = relation.foreignKeyFields();
        if (relation.indexName() != null) {
            List<String> index = indexes.stream().filter(i -> i.name().equals(relation.indexName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no index " + relation.indexName()))
                    .fields();
            return index.subList(foreignKey.size(), index.size());
        }
        List<List<String>> keys = new ArrayList<>();
        keys.add(primaryKey);
        indexes.stream().map(IndexDef::fields).forEach(keys::add);
        for (List<String> key : keys) {
            if (key.size() > foreignKey.size() && key.subList(0, foreignKey.size()).equals(foreignKey)) {
                return key.subList(foreignKey.size(), key.size());
            }
        }
        return List.of();
    }
}
