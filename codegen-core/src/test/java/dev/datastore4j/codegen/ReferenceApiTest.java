package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.codegen.schema.SchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API derived for the reference schema must equal what AWS's own transformer produced for it
 * ({@code test-schemas/reference}), definition by definition and field by field, in order.
 */
class ReferenceApiTest {
    private static final Path TEST_SCHEMAS = Path.of("..", "test-schemas");

    @Test
    void derivedApiMatchesAppSyncReference() throws IOException {
        String input = Files.readString(TEST_SCHEMAS.resolve(Path.of("schemas", "valid", "post-comment.graphql")));
        String expected = Files.readString(TEST_SCHEMAS.resolve(Path.of("reference", "post-comment.appsync-api.graphql")));
        var result = dev.datastore4j.codegen.validate.SchemaCompiler.compile(
                List.of(new SchemaSource("post-comment.graphql", input)));
        Map<String, String> actual = definitions(Codegen.apiSchema(result.schema().orElseThrow()));
        Map<String, String> reference = definitions(expected);
        reference.remove("input AmplifyAIConversationTurnErrorInput"); // unrelated to DataStore, see the README there
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(reference);
    }

    /** Definition header → its body, so the test does not depend on the order of definitions. */
    private static Map<String, String> definitions(String sdl) {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (String block : sdl.strip().split("\n\n")) {
            String header = block.substring(0, block.indexOf('{')).strip();
            definitions.put(header, block.substring(block.indexOf('{')).strip());
        }
        return definitions;
    }
}
