package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records counted as AppSync's DynamoDB counts an item, by hand beside each (as the local store's ItemSizeTest). */
class ItemSizeTest {
    /** What AppSync adds to every item: _version 8 + 6, _lastChangedAt 14 + 8, _deleted 8 + 1, _ttl 4 + 6, __typename 10. */
    private static final int APPSYNC = 65;

    private static ModelDef model(String schema, String name) {
        return Codegen.compile(List.of(Path.of("..", "test-schemas", "schemas", "valid", schema + ".graphql"))).schema()
                .orElseThrow().models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void stringsNumbersNullsListsAndMaps() {
        ObjectNode post = ProtocolJson.JSON.createObjectNode().put("id", "p").put("title", "té").put("rating", 1_234_500)
                .putNull("content").put("createdAt", "2026-01-31T07:30:00.000Z").put("status", "DRAFT");
        post.putArray("tags").add("a").add("");
        // id 2 + 1, title 5 + 3 (é is two bytes), rating 6 + 4 (five significant digits: three bytes, and one),
        // content 7 + 1 (null), createdAt 9 + 24, status 6 + 5, tags 4 + 3 + (1 + 1) + (0 + 1); and the type's name
        assertThat(new ItemSize(model("blog", "Post")).of(post)).isEqualTo(3 + 8 + 10 + 8 + 33 + 11 + 10 + APPSYNC + 4);

        ObjectNode order = ProtocolJson.JSON.createObjectNode().put("total", 0.5);
        order.putObject("shipTo").put("street", "s").put("city", "").putNull("zip");
        // total 5 + 2, shipTo 6 + 3 + (6 + 1 + 1) + (4 + 0 + 1) + (3 + 1 + 1)
        assertThat(new ItemSize(model("shop", "Order")).of(order)).isEqualTo(7 + 27 + APPSYNC + 5);
        ObjectNode product = ProtocolJson.JSON.createObjectNode().put("inStock", true); // 7 + 1
        assertThat(new ItemSize(model("shop", "Product")).of(product)).isEqualTo(8 + APPSYNC + 7);
    }

    /** A sort key of two or more fields is one more attribute, its fields' names and values joined by #. */
    @Test
    void aCompositeSortKeyIsAnAttributeOfItsOwn(@TempDir Path temp) throws Exception {
        Schema schema = Codegen.compile(List.of(Files.writeString(temp.resolve("lines.graphql"),
                "type Line @model { book: ID! @primaryKey(sortKeyFields: [\"chapter\", \"line\"]) chapter: String! line: String! }")))
                .schema().orElseThrow();
        ObjectNode line = ProtocolJson.JSON.createObjectNode().put("book", "b").put("chapter", "c").put("line", "l");
        // book 4 + 1, chapter 7 + 1, line 4 + 1; "chapter#line": "c#l" 12 + 3
        assertThat(new ItemSize(schema.models().get(0)).of(line)).isEqualTo(18 + 15 + APPSYNC + 4);
    }

    @Test
    void anItemOver400KbIsABadRequest() {
        ItemSize post = new ItemSize(model("blog", "Post"));
        ObjectNode record = ProtocolJson.JSON.createObjectNode().put("id", "p");
        // id 2 + 1, content 7 + the text, and AppSync's
        record.put("content", "x".repeat(409_600 - 3 - 7 - APPSYNC - 4));
        post.check(record);
        record.put("content", record.get("content").asText() + "x");
        assertThatThrownBy(() -> post.check(record)).isInstanceOf(ApiException.class)
                .hasMessage("the Post record takes 409601 bytes as an item of AppSync's DynamoDB table, which holds at most"
                        + " 409600 (400 KB)");
    }
}
