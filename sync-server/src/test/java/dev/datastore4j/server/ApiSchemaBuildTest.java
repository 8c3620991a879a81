package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FastSchemaGenerator;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server builds its GraphQL schema with graphql-java's {@link FastSchemaGenerator}, an
 * experimental API, rather than {@link SchemaGenerator}: for the API of every bundled valid schema
 * the two build the same schema, so that a graphql-java upgrade that made them differ is seen here.
 */
class ApiSchemaBuildTest {
    private static final Path VALID = Path.of("..", "test-schemas", "schemas", "valid");

    static List<String> schemas() throws IOException {
        try (Stream<Path> files = Files.list(VALID)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".graphql")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void theFastGeneratorBuildsTheSameSchema(String file) {
        Schema schema = Codegen.compile(List.of(VALID.resolve(file))).schema().orElseThrow();
        String sdl = AwsScalars.declarations() + Codegen.apiSchema(schema);
        GraphQLSchema standard = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring());
        GraphQLSchema fast = new FastSchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring());
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(true));
        assertThat(printer.print(fast)).isEqualTo(printer.print(standard));
        assertThat(fast.getAllTypesAsList()).extracting(type -> type.getName())
                .containsExactlyElementsOf(standard.getAllTypesAsList().stream().map(type -> type.getName()).toList());
    }

    /** The scalars the server wires, as {@link GraphQlApi} does. */
    private static RuntimeWiring wiring() {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        AwsScalars.NAMES.forEach(name -> wiring.scalar(AwsScalars.scalar(name)));
        return wiring.strictMode(false).scalar(AwsScalars.finiteFloat()).build();
    }
}
