package dev.datastore4j.codegen.java;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.datastore4j.codegen.schema.EmbeddedDef;
import dev.datastore4j.codegen.schema.EnumDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.lang.model.SourceVersion;

/**
 * Validated schema → Java sources: a record per model and non-model type, an enum per enum and
 * the registry. Returns specs and never writes; the caller decides where files go.
 */
public final class JavaGenerator {
    /** The value of the {@code @Generated} annotation on every generated type. */
    public static final String GENERATOR = "dev.datastore4j.codegen";

    private final String packageName;

    public JavaGenerator(String packageName) {
        packageProblem(packageName).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.packageName = packageName;
    }

    /**
     * {@link dev.datastore4j.codegen.Codegen#packageProblem}: the JVM refuses to define a class in
     * {@code java.*} ("Prohibited package name") although javac compiles one there.
     */
    public static Optional<String> packageProblem(String packageName) {
        if (packageName.isBlank()) {
            return Optional.of("name a Java package, such as com.example.app: classes in no package cannot be used"
                    + " from any other");
        }
        if (!SourceVersion.isName(packageName)) {
            Optional<String> keyword = Arrays.stream(packageName.split("\\.", -1)).filter(SourceVersion::isKeyword).findFirst();
            return Optional.of("not a valid Java package name: " + packageName
                    + keyword.map(word -> " ('" + word + "' is a Java keyword)").orElse(""));
        }
        if (packageName.equals("java") || packageName.startsWith("java.")) {
            return Optional.of("package " + packageName + " is the JDK's: the JVM loads no other classes into java.*;"
                    + " name a package of your own");
        }
        return Optional.empty();
    }

    /**
     * One file per enum, non-model type and model, and the registry, each built only when its
     * supplier is called. The files are independent: callers may build them on several threads,
     * and a large schema never needs all of its (memory-hungry) specs at once.
     */
    public List<Supplier<JavaFile>> files(Schema schema) {
        List<Supplier<TypeSpec>> types = new ArrayList<>();
        EnumGenerator enums = new EnumGenerator();
        for (EnumDef definition : schema.enums()) {
            types.add(() -> enums.generate(definition));
        }
        EmbeddedGenerator embedded = new EmbeddedGenerator(packageName);
        for (EmbeddedDef definition : schema.embeddedTypes()) {
            types.add(() -> embedded.generate(definition));
        }
        ModelGenerator models = new ModelGenerator(packageName, schema);
        for (ModelDef model : schema.models()) {
            types.add(() -> models.generate(model));
        }
        types.add(() -> new RegistryGenerator(packageName, SchemaCompiler.REGISTRY_CLASS).generate(schema));
        return types.stream()
                .map(type -> (Supplier<JavaFile>) () -> JavaFile.builder(packageName, type.get())
                        .skipJavaLangImports(true).indent("    ").build())
                .toList();
    }

    static AnnotationSpec generatedAnnotation() {
        return AnnotationSpec.builder(RuntimeTypes.GENERATED).addMember("value", "$S", GENERATOR).build();
    }
}
