package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.Post;
import com.example.shop.Order;
import com.example.shop.Product;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records counted as AppSync's DynamoDB counts an item, by hand beside each. */
class ItemSizeTest {
    /** What AppSync adds to every item: _version 8 + 6, _lastChangedAt 14 + 8, _deleted 8 + 1, _ttl 4 + 6, __typename 10. */
    private static final int APPSYNC = 65;

    @Test
    void stringsNumbersNullsListsAndMaps() {
        ObjectNode post = Values.JSON.createObjectNode().put("id", "p").put("title", "té").put("rating", 1_234_500)
                .putNull("content").putNull("createdAt").put("status", "DRAFT");
        post.putArray("tags").add("a").add("");
        // id 2 + 1, title 5 + 3 (é is two bytes), rating 6 + 4 (five significant digits: three bytes, and one),
        // content 7 + 1 (null), createdAt 9 + 24 (the server's timestamp, not set yet), status 6 + 5,
        // tags 4 + 3 + (1 + 1) + (0 + 1); and the type's name
        assertThat(new ItemSize<>(Post.SCHEMA).of(post)).isEqualTo(3 + 8 + 10 + 8 + 33 + 11 + 10 + APPSYNC + 4);

        ObjectNode order = Values.JSON.createObjectNode().put("total", 0.5);
        order.putObject("shipTo").put("street", "s").put("city", "").putNull("zip");
        // total 5 + 2, shipTo 6 + 3 + (6 + 1 + 1) + (4 + 0 + 1) + (3 + 1 + 1)
        assertThat(new ItemSize<>(Order.SCHEMA).of(order)).isEqualTo(7 + 27 + APPSYNC + 5);
        ObjectNode product = Values.JSON.createObjectNode().put("inStock", true); // 7 + 1
        assertThat(new ItemSize<>(Product.SCHEMA).of(product)).isEqualTo(8 + APPSYNC + 7);
    }

    /** A sort key of two or more fields is one more attribute, its fields' names and values joined by #. */
    @Test
    void aCompositeSortKeyIsAnAttributeOfItsOwn() {
        ObjectNode line = Values.JSON.createObjectNode().put("book", "b").put("chapter", "c").put("line", "l");
        // book 4 + 1, chapter 7 + 1, line 4 + 1; "chapter#line": "c#l" 12 + 3
        assertThat(new ItemSize<>(DataStoreTest.Line.SCHEMA).of(line)).isEqualTo(18 + 15 + APPSYNC + 4);
        line.putNull("line"); // a key field without a value (null: one byte, as "l"): no such attribute
        assertThat(new ItemSize<>(DataStoreTest.Line.SCHEMA).of(line)).isEqualTo(18 + APPSYNC + 4);
    }

    /**
     * A record whose item would pass 400 KB is refused when saved, as the sync server refuses it:
     * it would wait in the outbox for a server that refuses it every time. One of exactly 409,600
     * bytes is taken.
     */
    @Test
    void aRecordLargerThanAnItemIsRefused(@TempDir Path temp) throws Exception {
        Post empty = Post.builder().id("big").title("t").content("").build();
        String emptyJson = new Rows<>(Post.SCHEMA, List.of(Post.SCHEMA)).json(empty);
        long emptyBytes = new ItemSize<>(Post.SCHEMA).of((ObjectNode) Values.JSON.readTree(emptyJson));
        Post largest = empty.toBuilder().content("x".repeat((int) (ItemSize.MAX_BYTES - emptyBytes))).build();
        try (DataStore blog = DataStore.open(com.example.blog.DataStoreModels.REGISTRY, temp.resolve("blog.db"))) {
            blog.save(largest);
            assertThatThrownBy(() -> blog.save(largest.toBuilder().content(largest.content() + "x").build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the Post record takes 409601 bytes as an item of AppSync's DynamoDB table, which holds at"
                            + " most 409600 (400 KB)");
            assertThat(blog.get(Post.class, "big")).contains(largest);
            assertThat(blog.outbox().size()).isEqualTo(1);
        }
    }
}
