package dev.datastore4j.codegen.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The schema's version hash: SHA-256 over a canonical text of everything the store and the sync
 * protocol depend on (models, fields and types, keys, indexes, relationships, auth rules,
 * operation names, enums and embedded types). Descriptions and declaration order of models do
 * not count, so editing a comment does not force a migration.
 */
public final class SchemaVersion {
    private SchemaVersion() {}

    public static String of(Schema schema) {
        StringBuilder text = new StringBuilder("datastore4j-schema-1\n");
        schema.models().stream().sorted(Comparator.comparing(ModelDef::name)).forEach(model -> {
            text.append("model ").append(model.name()).append(' ').append(model.pluralName())
                    .append(" key=").append(model.primaryKey()).append(" ops=").append(model.operations()).append('\n');
            fields(text, model.fields());
            model.indexes().forEach(i -> text.append("  index ").append(i).append('\n'));
            model.authRules().forEach(r -> text.append("  auth ").append(r).append('\n'));
        });
        schema.enums().stream().sorted(Comparator.comparing(EnumDef::name))
                .forEach(e -> text.append("enum ").append(e.name()).append(' ').append(e.values()).append('\n'));
        schema.embeddedTypes().stream().sorted(Comparator.comparing(EmbeddedDef::name)).forEach(e -> {
            text.append("type ").append(e.name()).append('\n');
            fields(text, e.fields());
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static void fields(StringBuilder text, List<FieldDef> fields) {
        for (FieldDef field : fields) {
            text.append("  ").append(field.name()).append(": ").append(field.type().sdl())
                    .append(field.readOnly() ? " readOnly" : "")
                    .append(field.defaultValue() == null ? "" : " default=" + field.defaultValue())
                    .append(field.relation() == null ? "" : " " + relation(field.relation()))
                    .append(field.authRules().isEmpty() ? "" : " auth=" + field.authRules())
                    .append('\n');
        }
    }

    /**
     * A relationship as the first version of this text wrote it (the record's form then), and its
     * index only when it names one, so that schemas written before relationships could name an
     * index keep their hash.
     */
    private static String relation(Relation relation) {
        return "Relation[kind=" + relation.kind() + ", relatedModel=" + relation.relatedModel() + ", foreignKeyOnThisModel="
                + relation.foreignKeyOnThisModel() + ", foreignKeyFields=" + relation.foreignKeyFields() + ", relatedKeyFields="
                + relation.relatedKeyFields() + (relation.indexName() == null ? "" : ", indexName=" + relation.indexName()) + "]";
    }
}
