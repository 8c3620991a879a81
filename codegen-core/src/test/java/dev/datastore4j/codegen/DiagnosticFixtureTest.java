package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid test schema against the exact diagnostics expected beside it
 * ({@code <name>.diagnostics.txt}); {@code -Ddatastore4j.updateGoldens=true} rewrites them.
 */
class DiagnosticFixtureTest {
    static List<String> schemas() {
        return Fixtures.names(Fixtures.INVALID);
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void diagnosticsMatchExpected(String name) throws IOException {
        CompileResult result = Fixtures.compile(Fixtures.INVALID, name);
        String actual = result.render() + result.summary() + "\n";
        Path expected = Fixtures.INVALID.resolve(name + ".diagnostics.txt");
        if (Fixtures.updating()) {
            Files.writeString(expected, actual);
        }
        assertThat(result.succeeded()).as("an invalid schema must not produce a schema").isFalse();
        assertThat(actual).isEqualTo(Files.readString(expected));
    }

    /**
     * The same diagnostics, at the same lines and columns, for the schema saved with Windows (CR LF)
     * or classic Mac (CR) line ends, or with a byte order mark: GraphQL ends a line at each, and
     * an editor shows the file so.
     */
    @ParameterizedTest
    @MethodSource("schemas")
    void lineEndsAndAByteOrderMarkMoveNothing(String name) {
        SchemaSource source = Fixtures.source(Fixtures.INVALID, name);
        String expected = SchemaCompiler.compile(List.of(source)).render();
        for (String text : List.of(source.text().replace("\n", "\r\n"), source.text().replace("\n", "\r"), "\uFEFF" + source.text())) {
            assertThat(SchemaCompiler.compile(List.of(new SchemaSource(source.name(), text))).render())
                    .as("%s with %s", name, text.startsWith("\uFEFF") ? "a byte order mark" : text.contains("\r\n") ? "CR LF" : "CR")
                    .isEqualTo(expected);
        }
    }
}
