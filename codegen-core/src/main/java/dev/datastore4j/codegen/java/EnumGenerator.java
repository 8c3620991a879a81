package dev.datastore4j.codegen.java;

import com.palantir.javapoet.TypeSpec;
import dev.datastore4j.codegen.schema.EnumDef;
import javax.lang.model.element.Modifier;

/** A schema enum → a Java enum with the same constants. */
final class EnumGenerator {
    TypeSpec generate(EnumDef definition) {
        TypeSpec.Builder type = TypeSpec.enumBuilder(definition.name())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaGenerator.generatedAnnotation());
        if (definition.description() != null) {
            type.addJavadoc("$L\n", Javadoc.escape(definition.description()));
        }
        for (String value : definition.values()) {
            type.addEnumConstant(value);
        }
        return type.build();
    }
}
