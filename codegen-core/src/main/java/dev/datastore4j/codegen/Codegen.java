package dev.datastore4j.codegen;

import com.palantir.javapoet.JavaFile;
import dev.datastore4j.codegen.api.ApiSchemaGenerator;
import dev.datastore4j.codegen.java.JavaGenerator;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The generator's public face: check a schema, derive outputs, and write them through a sink. */
public final class Codegen {
    private Codegen() {}

    /** Reads and checks schema files or folders; every problem is in the result's diagnostics. */
    public static CompileResult compile(List<Path> schemaPaths) {
        return SchemaCompiler.compile(SchemaSource.read(schemaPaths));
    }

    /** The Java sources for {@code schema} in {@code packageName}, in a stable order. */
    public static List<GeneratedFile> javaSources(Schema schema, String packageName) {
        return new JavaGenerator(packageName).generate(schema).stream()
                .map(Codegen::toFile)
                .toList();
    }

    /** The AppSync API schema (SDL) that clients and the sync server use for {@code schema}. */
    public static String apiSchema(Schema schema) {
        return new ApiSchemaGenerator(schema).generate();
    }

    public static void write(List<GeneratedFile> files, OutputSink sink) throws IOException {
        for (GeneratedFile file : files) {
            sink.write(file);
        }
    }

    private static GeneratedFile toFile(JavaFile file) {
        String path = (file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/")
                + file.typeSpec().name() + ".java";
        return new GeneratedFile(path, file.toString());
    }
}
