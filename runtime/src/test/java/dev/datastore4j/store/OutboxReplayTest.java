package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final int WRITERS = 4;

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

    /**
     * The same with {@value #WRITERS} threads writing at once, so that their writes share commits,
     * and conditional ones, failing now and then, make a group run again write by write; and a
     * sender taking and answering entries meanwhile, as the sync engine will. The server checks
     * what it is sent: a create of a record it does not hold, an update or delete of one it does,
     * and each condition against its own copy. The seed fixes each thread's writes, not how they
     * interleave.
     */
    @RepeatedTest(10)
    void concurrentWritersAndASenderEndWithTheServerHoldingTheLocalRecords(RepetitionInfo repetition) throws Exception {
        long seed = Seeds.seed("OutboxReplayTest concurrent", "datastore4j.outboxSeed", repetition);
        List<String> ids = IntStream.range(0, 2 * RECORDS).mapToObj(i -> Post.builder().title("-").build().id()).toList();
        Map<String, JsonNode> held = new HashMap<>(); // the server's records, by id
        List<String> refused = new ArrayList<>();
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("concurrent-" + seed + ".db"))) {
            AtomicInteger writing = new AtomicInteger(WRITERS);
            AtomicInteger conditionsNotMet = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Random random = new Random(seed + w);
                int writer = w;
                writers.add(new Thread(() -> {
                    try {
                        for (int step = 0; step < STEPS; step++) {
                            String id = ids.get(random.nextInt(ids.size()));
                            Post post = Post.builder().id(id).title("w" + writer + "-" + step).rating(random.nextInt(3)).build();
                            try {
                                switch (random.nextInt(5)) {
                                    case 0, 1 -> store.save(post);
                                    case 2 -> store.delete(Post.class, id);
                                    case 3 -> store.save(post, Post.RATING.eq(random.nextInt(3)));
                                    default -> store.delete(post, Post.RATING.eq(random.nextInt(3)));
                                }
                            } catch (ConditionNotMetException e) {
                                conditionsNotMet.incrementAndGet();
                            }
                        }
                    } finally {
                        writing.decrementAndGet();
                    }
                }));
            }
            writers.forEach(Thread::start);
            int sent = 0;
            while (true) { // the sender: until the writers are done and the outbox is empty
                boolean done = writing.get() == 0;
                Optional<PendingMutation> next = store.outbox().next();
                if (next.isPresent()) {
                    apply(held, next.get(), refused);
                    store.outbox().remove(next.get());
                    sent++;
                } else if (done) {
                    break;
                } else {
                    Thread.yield();
                }
            }
            for (Thread writer : writers) {
                writer.join();
            }
            Map<String, JsonNode> local = new HashMap<>();
            for (Post post : store.query(Post.class)) {
                local.put(post.id(), Values.JSON.createObjectNode().put("title", post.title()).put("rating", post.rating()));
            }
            System.out.printf("OutboxReplayTest: %d writers, %d entries sent, %d conditions not met locally%n", WRITERS, sent,
                    conditionsNotMet.get());
            assertThat(refused).as("what the server refused (seed %d)", seed).isEmpty();
            assertThat(held).as("the server's records against the store's (seed %d)", seed).isEqualTo(local);
        }
    }

    /** The server applies {@code mutation} if it may, noting in {@code refused} what it may not. */
    private static void apply(Map<String, JsonNode> held, PendingMutation mutation, List<String> refused) throws IOException {
        JsonNode record = Values.JSON.readTree(mutation.data());
        JsonNode current = held.get(mutation.recordId());
        String what = mutation.type() + " " + record;
        if ((mutation.type() == PendingMutation.Type.CREATE) != (current == null)) {
            refused.add(what + (current == null ? ": not held" : ": held already"));
            return;
        }
        if (mutation.condition() != null) {
            JsonNode wanted = Values.JSON.readTree(mutation.condition()).get("rating").get("eq");
            if (current == null || !wanted.equals(current.get("rating"))) {
                refused.add(what + " if " + mutation.condition() + ": held " + current);
                return;
            }
        }
        if (mutation.type() == PendingMutation.Type.DELETE) {
            held.remove(mutation.recordId());
        } else {
            held.put(mutation.recordId(), Values.JSON.createObjectNode().put("title", record.get("title").asText())
                    .put("rating", record.get("rating").asInt()));
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
