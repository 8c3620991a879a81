package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A type's name becomes the names of its class files, and a file system takes at most 255 bytes in
 * a file name: the longest name whose files fit is taken, and compiles; one character more is
 * refused where it is declared, rather than in the build that compiles the models.
 */
class TypeNameLengthTest {
    /** A model with a composite key, whose {@code <name>$Identifier.class} is its longest file name. */
    private static CompileResult compile(String name) {
        return SchemaCompiler.compile(List.of(new SchemaSource("long.graphql",
                "type " + name + " @model { day: String! @primaryKey(sortKeyFields: [\"seq\"]), seq: Int! }")));
    }

    @Test
    void theLongestNameWhoseClassFilesFitIsTaken() {
        CompileResult result = compile("L".repeat(238));
        assertThat(result.diagnostics()).as(result.render()).isEmpty();
        List<GeneratedFile> sources = Codegen.javaSources(result.schema().orElseThrow(), "com.example.longnames");
        assertThat(TestJavac.compileGenerated(sources)).as("javac, writing its class files").isEmpty();
    }

    @Test
    void aLongerNameIsRefusedWhereItIsDeclared() {
        CompileResult result = compile("L".repeat(239));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.diagnostics()).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("name-too-long");
            assertThat(diagnostic.position().column()).isEqualTo(6);
            assertThat(diagnostic.message()).startsWith("type name of 239 characters is too long (at most 238)");
        });
    }
}
