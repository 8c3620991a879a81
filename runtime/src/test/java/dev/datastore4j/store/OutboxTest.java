package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's merge rules, one test each, on a real database. */
class OutboxTest {
    @TempDir
    Path temp;

    private DataStore store;

    @BeforeEach
    void open() {
        store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("outbox.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The queued entries, oldest first, read from the outbox table without taking any. */
    private List<String> entries() {
        List<String> entries = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                ResultSet rows = connection.createStatement().executeQuery("SELECT seq, model, record_id, type, data,"
                        + " condition, in_flight FROM " + Outbox.TABLE + " ORDER BY seq")) {
            while (rows.next()) {
                PendingMutation m = new PendingMutation(rows.getLong(1), rows.getString(2), rows.getString(3),
                        PendingMutation.Type.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6), rows.getInt(7) != 0);
                entries.add(m.type() + " " + title(m) + (m.condition() == null ? "" : " if " + m.condition())
                        + (m.inFlight() ? " (in flight)" : ""));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return entries;
    }

    private static String title(PendingMutation mutation) {
        try {
            JsonNode data = Values.JSON.readTree(mutation.data());
            return data.get("title").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Post saved(String title) {
        Post post = store.save(Post.builder().title(title).build());
        DataStoreTest.drainOutbox(store); // as if the server had accepted the create
        return post;
    }

    @Test
    void createThenUpdateIsOneCreateWithTheLatestData() {
        Post post = store.save(Post.builder().title("v1").build());
        store.save(post.toBuilder().title("v2").build());
        assertThat(entries()).containsExactly("CREATE v2");
    }

    @Test
    void createThenDeleteLeavesNothing() {
        Post post = store.save(Post.builder().title("v1").build());
        store.delete(post);
        assertThat(entries()).isEmpty();
    }

    @Test
    void updateThenUpdateIsOneUpdate() {
        Post post = saved("v1");
        store.save(post.toBuilder().title("v2").build());
        store.save(post.toBuilder().title("v3").build());
        assertThat(entries()).containsExactly("UPDATE v3");
    }

    @Test
    void updateThenDeleteIsOneDelete() {
        Post post = saved("v1");
        store.save(post.toBuilder().title("v2").build());
        store.delete(post);
        assertThat(entries()).containsExactly("DELETE v2");
    }

    @Test
    void aSaveAfterADeleteIsQueuedBehindIt() {
        Post post = saved("v1");
        store.delete(post);
        store.save(post.toBuilder().title("again").build());
        assertThat(entries()).containsExactly("DELETE v1", "CREATE again");
    }

    @Test
    void conditionalMutationsAreAppendedAndNeverMergedInto() {
        Post post = saved("v1");
        store.save(post.toBuilder().title("v2").build());
        store.save(post.toBuilder().title("v3").build(), Post.TITLE.eq("v2"));
        store.save(post.toBuilder().title("v4").build());
        assertThat(entries()).containsExactly("UPDATE v2", "UPDATE v3 if {\"title\":{\"eq\":\"v2\"}}", "UPDATE v4");
    }

    @Test
    void theInFlightHeadIsNeverMergedInto() {
        Post post = store.save(Post.builder().title("v1").build());
        store.outbox().next().orElseThrow();
        store.save(post.toBuilder().title("v2").build());
        store.save(post.toBuilder().title("v3").build());
        assertThat(entries()).containsExactly("CREATE v1 (in flight)", "UPDATE v3");
    }

    @Test
    void aTakenCreateIsSentEvenIfTheRecordIsDeletedMeanwhile() {
        Post post = store.save(Post.builder().title("v1").build());
        PendingMutation taken = store.outbox().next().orElseThrow();
        store.delete(post); // while the create is being sent: queued behind it, not merged
        assertThat(taken.inFlight()).isTrue();
        assertThat(taken.type()).isEqualTo(PendingMutation.Type.CREATE);
        assertThat(entries()).containsExactly("CREATE v1 (in flight)", "DELETE v1");
    }

    @Test
    void theEntryInFlightIsTakenAgainUntilRemoved() {
        store.save(Post.builder().title("a").build());
        store.save(Post.builder().title("b").build());
        PendingMutation first = store.outbox().next().orElseThrow();
        assertThat(store.outbox().next()).contains(first); // a send that did not finish is retried
        store.outbox().remove(first);
        PendingMutation second = store.outbox().next().orElseThrow();
        assertThat(title(second)).isEqualTo("b");
        store.outbox().remove(second);
        assertThat(store.outbox().next()).isEmpty();
    }

    /** A mutation only peeked at may have had later changes merged into its entry: removing it would drop them unsent. */
    @Test
    void onlyAMutationTakenForSendingCanBeRemoved() {
        Post post = store.save(Post.builder().title("v1").build());
        PendingMutation peeked = store.outbox().peek().orElseThrow();
        store.save(post.toBuilder().title("v2").build()); // merged into the create: not in flight
        assertThatThrownBy(() -> store.outbox().remove(peeked))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("only a mutation taken with next() can be removed");
        assertThat(entries()).containsExactly("CREATE v2");
        store.outbox().remove(store.outbox().next().orElseThrow());
        assertThat(entries()).isEmpty();
    }

    @Test
    void mutationsOfDifferentRecordsKeepTheirOrder() {
        Post a = store.save(Post.builder().title("a").build());
        store.save(Post.builder().title("b").build());
        store.save(a.toBuilder().title("a2").build());
        assertThat(entries()).containsExactly("CREATE a2", "CREATE b");
    }

    @Test
    void aNumberOnceGivenIsNeverGivenAgainEvenAfterTheOutboxEmpties() {
        store.save(Post.builder().title("before").build());
        PendingMutation sending = store.outbox().next().orElseThrow();
        store.clear(); // signing out, say, while that entry is being sent
        store.save(Post.builder().title("after").build());
        store.outbox().remove(sending); // the send ends after all
        assertThat(entries()).containsExactly("CREATE after");
    }

    @Test
    void numbersGoOnFromTheHighestStoredWhenTheStoreOpensAgain() {
        store.save(Post.builder().title("first").build());
        store.save(Post.builder().title("second").build());
        store.close();
        store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("outbox.db"));
        store.save(Post.builder().title("third").build());
        assertThat(entries()).containsExactly("CREATE first", "CREATE second", "CREATE third");
        assertThat(store.outbox().next().orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void anOutboxMadeWithAutoincrementByAnEarlierVersionKeepsItsOrder() throws SQLException {
        store.close();
        Path older = temp.resolve("older.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + older)) {
            // the outbox table as versions before this one made it, with one entry left from them,
            // beside the layouts table every version made
            connection.createStatement().execute("CREATE TABLE " + Tables.SCHEMA
                    + " (model TEXT PRIMARY KEY, layout TEXT NOT NULL)");
            connection.createStatement().execute("CREATE TABLE " + Outbox.TABLE + " (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " model TEXT NOT NULL, record_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,"
                    + " condition TEXT, in_flight INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)");
            connection.createStatement().execute("INSERT INTO " + Outbox.TABLE + " (seq, model, record_id, type, data,"
                    + " created_at) VALUES (7, 'Post', 'p0', 'DELETE', '{\"id\":\"p0\",\"title\":\"older\"}', 0)");
        }
        store = DataStore.open(DataStoreModels.REGISTRY, older);
        store.save(Post.builder().title("newer").build());
        assertThat(entries()).containsExactly("DELETE older", "CREATE newer");
        PendingMutation first = store.outbox().next().orElseThrow();
        store.outbox().remove(first);
        assertThat(store.outbox().next().orElseThrow().sequence()).isEqualTo(8);
    }

    @Test
    void payloadCarriesEveryFieldByItsSchemaName() throws Exception {
        Post post = store.save(Post.builder().title("t").rating(3).tags(List.of("x")).build());
        JsonNode data = Values.JSON.readTree(store.outbox().peek().orElseThrow().data());
        assertThat(data.get("id").asText()).isEqualTo(post.id());
        assertThat(data.get("rating").intValue()).isEqualTo(3);
        assertThat(data.get("status").asText()).isEqualTo("DRAFT");
        assertThat(data.get("tags").toString()).isEqualTo("[\"x\"]");
        assertThat(data.has("blogPostsId")).isTrue();
    }
}
