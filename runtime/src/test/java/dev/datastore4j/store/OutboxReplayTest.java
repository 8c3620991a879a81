package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox as a whole: whatever mix of saves and deletes an app makes, while the entry at the
 * head is being sent or not, a server that applies the entries in the order they are taken ends
 * up with exactly the records the app has. Seeded random runs ({@link Seeds}).
 */
class OutboxReplayTest {
    private static final int RECORDS = 4;
    private static final int STEPS = 300;
    /** Steps between the moments the whole outbox is sent and the server compared with the store. */
    private static final int ROUND = 30;

    @TempDir
    Path temp;

    /** What a server holds after applying mutations: record id to title. */
    private final Map<String, String> server = new TreeMap<>();

    @RepeatedTest(20)
    void aServerApplyingTheOutboxEndsWithTheLocalRecords(RepetitionInfo repetition) throws SQLException {
        long seed = Seeds.seed("OutboxReplayTest", "datastore4j.outboxSeed", repetition);
        Random random = new Random(seed);
        List<String> ids = IntStream.range(0, RECORDS).mapToObj(i -> Post.builder().title("-").build().id()).toList();
        Map<String, Post> local = new HashMap<>();
        Path file = temp.resolve("replay-" + seed + ".db");
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file);
                Connection beside = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Optional<PendingMutation> sending = Optional.empty();
            for (int step = 0; step < STEPS; step++) {
                String id = ids.get(random.nextInt(RECORDS));
                switch (random.nextInt(5)) {
                    case 0, 1 -> { // create or update
                        Post post = Post.builder().id(id).title("t" + step).build();
                        store.save(post);
                        local.put(id, post);
                    }
                    case 2 -> { // delete, when stored
                        if (local.containsKey(id)) {
                            assertThat(store.delete(local.remove(id))).isTrue();
                        }
                    }
                    case 3 -> { // the sync engine takes the head for sending
                        if (sending.isEmpty()) {
                            sending = store.outbox().next();
                        }
                    }
                    default -> { // the server answers
                        sending.ifPresent(taken -> answer(store, taken));
                        sending = Optional.empty();
                    }
                }
                // per record at most: the entry in flight, a delete queued behind it, and a create after that
                assertThat(pendingPerRecord(beside)).as("seed %d, step %d", seed, step)
                        .allSatisfy((record, count) -> assertThat(count).isLessThanOrEqualTo(3));
                if (step % ROUND == ROUND - 1) { // the network is back for long enough to send everything
                    sending.ifPresent(taken -> answer(store, taken));
                    sending = Optional.empty();
                    for (var next = store.outbox().next(); next.isPresent(); next = store.outbox().next()) {
                        answer(store, next.get());
                    }
                    Map<String, String> stored = new TreeMap<>();
                    store.query(Post.class).forEach(post -> stored.put(post.id(), post.title()));
                    assertThat(server).as("seed %d, after step %d", seed, step).isEqualTo(stored);
                }
            }
        }
    }

    /** The server applies {@code mutation} as it was sent, and the engine removes it from the outbox. */
    private void answer(DataStore store, PendingMutation mutation) {
        switch (mutation.type()) {
            case CREATE, UPDATE -> server.put(mutation.recordId(), title(mutation));
            case DELETE -> server.remove(mutation.recordId());
        }
        store.outbox().remove(mutation);
    }

    private static String title(PendingMutation mutation) {
        try {
            return Values.JSON.readTree(mutation.data()).get("title").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Entries per record, read beside the store through a connection of its own. */
    private static Map<String, Integer> pendingPerRecord(Connection beside) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Statement statement = beside.createStatement();
                ResultSet rows = statement.executeQuery("SELECT record_id, count(*) FROM " + Outbox.TABLE + " GROUP BY record_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
