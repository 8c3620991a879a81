package dev.datastore4j.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.SchemaVersion;
import javax.lang.model.element.Modifier;

/** The one registry per schema: every model, parents first, and the schema's version hash. */
final class RegistryGenerator {
    private final String packageName;
    private final String className;

    RegistryGenerator(String packageName, String className) {
        this.packageName = packageName;
        this.className = className;
    }

    TypeSpec generate(Schema schema) {
        CodeBlock.Builder models = CodeBlock.builder();
        for (int i = 0; i < schema.models().size(); i++) {
            ModelDef model = schema.models().get(i);
            models.add(i == 0 ? "\n        $T.SCHEMA" : ",\n        $T.SCHEMA", ClassName.get(packageName, model.name()));
        }
        return TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(JavaGenerator.generatedAnnotation())
                .addJavadoc("All models of the schema, parents before children, for opening a store or a sync.\n")
                .addField(FieldSpec.builder(String.class, "VERSION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Hash of everything the store and the sync protocol depend on; it changes when"
                                + " they change.\n")
                        .initializer("$S", SchemaVersion.of(schema))
                        .build())
                .addField(FieldSpec.builder(RuntimeTypes.MODEL_REGISTRY, "REGISTRY",
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$T.of(VERSION, $T.of($L))", RuntimeTypes.MODEL_REGISTRY, RuntimeTypes.LIST,
                                models.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .build();
    }
}
