package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.validate.CompileResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every valid test schema against its expected output in {@code test-schemas/golden/<name>}:
 * missing and extra files both fail. Run with {@code -Ddatastore4j.updateGoldens=true} to rewrite
 * the goldens from the current generator. Every golden is compiled with -Xlint:all -Werror.
 */
class GoldenTest {
    static List<String> schemas() {
        return Fixtures.names(Fixtures.VALID);
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void outputMatchesGolden(String name) throws IOException {
        Map<String, String> actual = generate(name);
        Path golden = Fixtures.GOLDEN.resolve(name);
        if (Fixtures.updating()) {
            rewrite(golden, actual);
        }
        Map<String, String> expected = read(golden);
        assertThat(actual.keySet()).as("files generated for %s (missing or extra goldens)", name)
                .containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, String> file : actual.entrySet()) {
            assertThat(file.getValue()).as("%s/%s", name, file.getKey()).isEqualTo(expected.get(file.getKey()));
        }
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void outputIsDeterministic(String name) {
        assertThat(generate(name)).isEqualTo(generate(name));
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void goldenCompilesWithAllLintWarningsAsErrors(String name) throws IOException {
        Path java = Fixtures.GOLDEN.resolve(name).resolve("java");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(java)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(TestJavac.compileFiles(sources)).as("javac diagnostics for %s", name).isEmpty();
    }

    private static Map<String, String> generate(String name) {
        CompileResult result = Fixtures.compile(Fixtures.VALID, name);
        assertThat(result.diagnostics()).as(result.render()).isEmpty();
        Schema schema = result.schema().orElseThrow();
        Map<String, String> files = new TreeMap<>();
        for (GeneratedFile file : Codegen.javaSources(schema, Fixtures.packageFor(name))) {
            files.put("java/" + file.path(), file.content());
        }
        files.put("api.graphql", Codegen.apiSchema(schema));
        return files;
    }

    private static Map<String, String> read(Path golden) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(golden)) {
            try (Stream<Path> walk = Files.walk(golden)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(golden.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            }
        }
        return files;
    }

    private static void rewrite(Path golden, Map<String, String> files) throws IOException {
        if (Files.isDirectory(golden)) {
            try (Stream<Path> walk = Files.walk(golden)) {
                for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = golden.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }
}
