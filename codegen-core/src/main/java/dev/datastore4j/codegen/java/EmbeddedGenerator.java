package dev.datastore4j.codegen.java;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datastore4j.codegen.schema.EmbeddedDef;
import dev.datastore4j.codegen.schema.FieldDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** A non-model object type → a record stored as JSON inside its owner, with an embedded schema. */
final class EmbeddedGenerator {
    private final String packageName;

    EmbeddedGenerator(String packageName) {
        this.packageName = packageName;
    }

    TypeSpec generate(EmbeddedDef embedded) {
        RecordParts parts = new RecordParts(packageName, embedded.name(), embedded.fields());
        CodeBlock.Builder doc = CodeBlock.builder();
        doc.add(embedded.description() == null ? "" : Javadoc.escape(embedded.description()) + "\n\n");
        doc.add(embedded.description() == null ? "" : "<p>").add("Non-model type {@code $L}, stored inside the models that use it.\n", embedded.name());
        for (FieldDef field : embedded.fields()) {
            if (field.description() != null) {
                doc.add("\n@param $L $L", field.name(), Javadoc.escape(field.description()));
            }
        }
        TypeSpec.Builder type = TypeSpec.recordBuilder(parts.self())
                .addModifiers(Modifier.PUBLIC)
                .alwaysQualify(parts.typeShadowingNames())
                .addAnnotation(JavaGenerator.generatedAnnotation())
                .addJavadoc(doc.build())
                .recordConstructor(parts.recordConstructor().build());
        // The schema first, its fields named in a lambda: a field holding this type (or a type that
        // holds this one) takes SCHEMA as it is built, and it must not be null then.
        CodeBlock fields = CodeBlock.join(embedded.fields().stream()
                .map(f -> CodeBlock.of("$T.$N", parts.self(), RecordParts.constantName(f))).toList(), ",$W");
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.EMBEDDED_SCHEMA, parts.self()),
                        "SCHEMA", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Metadata the runtime reads and builds {@code $L} values through.\n", embedded.name())
                .initializer("$T.of($S,$W$T.class,$W() -> $T.of($L),$W$T::fromValues)", RuntimeTypes.EMBEDDED_SCHEMA,
                        embedded.name(), parts.self(), RuntimeTypes.LIST, fields, parts.self())
                .build());
        for (FieldDef field : embedded.fields()) {
            type.addField(parts.constant(field));
        }
        parts.builderMethods(Set.of()).forEach(type::addMethod);
        type.addMethod(parts.fromValues());
        Map<String, CodeBlock> defaults = new LinkedHashMap<>();
        type.addType(parts.builder(defaults, Set.of(), List.of()));
        return type.build();
    }
}
