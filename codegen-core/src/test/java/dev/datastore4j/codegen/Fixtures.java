package dev.datastore4j.codegen;

import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The schemas of the test-schemas module, read from its folder so golden files can be rewritten. */
final class Fixtures {
    static final Path ROOT = Path.of("..", "test-schemas").toAbsolutePath().normalize();
    static final Path VALID = ROOT.resolve("schemas/valid");
    static final Path INVALID = ROOT.resolve("schemas/invalid");
    static final Path GOLDEN = ROOT.resolve("golden");

    private Fixtures() {}

    static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".graphql"))
                    .map(n -> n.substring(0, n.length() - ".graphql".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one fixture under a short, machine-independent source name such as {@code valid/blog.graphql}. */
    static SchemaSource source(Path folder, String name) {
        try {
            String text = Files.readString(folder.resolve(name + ".graphql"));
            return new SchemaSource(folder.getFileName() + "/" + name + ".graphql", text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompileResult compile(Path folder, String name) {
        return SchemaCompiler.compile(List.of(source(folder, name)));
    }

    static String packageFor(String name) {
        return "com.example." + name.replace("-", "");
    }

    static boolean updating() {
        return Boolean.getBoolean("datastore4j.updateGoldens");
    }
}
