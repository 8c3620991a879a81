package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How writes share transactions: a write queued while a group's work runs joins that group, a
 * failing write in a group undoes only itself, a thread is not kept running other threads' writes
 * for long after its own, an interrupt does not cut a wait for a commit short, and a failed setup
 * transaction reports its own failure. Each write
 * inserts a row and reports a change; the store reports the changes of each commit together, so
 * the reports show the groups.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {
    @TempDir
    Path temp;

    private final List<List<Integer>> commits = new CopyOnWriteArrayList<>();

    @Test
    void writesQueuedWhileAGroupRunsJoinItsCommit() throws Exception {
        try (Store store = open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = firstWriteHeldUntil(store, release);
            // the write lock is held by the first write's work; these two queue behind it, 2 before 3
            List<CompletableFuture<Integer>> later = queueWritesOf(store, 2, 3);
            release.countDown();

            assertThat(first.get()).isEqualTo(1);
            assertThat(later.get(0).get()).isEqualTo(2);
            assertThat(later.get(1).get()).isEqualTo(3);
            assertThat(commits).as("one transaction for all three").containsExactly(List.of(1, 2, 3));
            assertThat(rows(store)).containsExactly(1, 2, 3);
        }
    }

    /** A failure and an Error (a cascade too deep for the stack, say) are both a write's own. */
    static List<Throwable> failures() {
        return List.of(new IllegalStateException("write 2 fails"), new StackOverflowError("write 2 went too deep"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailingWriteInAGroupUndoesOnlyItself(Throwable failure) throws Exception {
        try (Store store = open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = firstWriteHeldUntil(store, release);
            List<Thread> waiting = new ArrayList<>();
            CompletableFuture<Integer> failing = writeOnThread(store, tx -> {
                insert(tx, 2);
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }, waiting);
            CompletableFuture<Integer> third = writeOnThread(store, tx -> {
                insert(tx, 3);
                return 3;
            }, waiting);
            awaitParked(waiting);
            release.countDown();

            assertThat(first.get()).isEqualTo(1);
            assertThat(third.get()).isEqualTo(3);
            assertThatThrownBy(failing::get).hasRootCauseInstanceOf(failure.getClass())
                    .hasRootCauseMessage(failure.getMessage()); // on the failing write's own thread
            // the group was rolled back and its writes ran again one by one
            assertThat(commits).containsExactly(List.of(1), List.of(3));
            Integer fourth = store.write(tx -> {
                insert(tx, 4);
                return 4;
            });
            assertThat(fourth).isEqualTo(4);
            assertThat(rows(store)).as("nothing of write 2 was left in the transaction").containsExactly(1, 3, 4);
        }
    }

    /**
     * An Error after a group committed (reporting its changes ran out of memory, say) is the
     * committing thread's to throw; every write of the group committed and returns, and the store
     * takes writes as before.
     */
    @Test
    void anErrorAfterACommitLeavesTheGroupsWritesCommitted() throws Exception {
        AtomicInteger reports = new AtomicInteger();
        try (Store store = open(changes -> {
            if (reports.incrementAndGet() == 1) {
                throw new OutOfMemoryError("reporting the group's changes");
            }
        })) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = firstWriteHeldUntil(store, release);
            List<CompletableFuture<Integer>> later = queueWritesOf(store, 2, 3);
            release.countDown();

            assertThat(later.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(later.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(OutOfMemoryError.class);
            Integer fourth = store.write(tx -> {
                insert(tx, 4);
                return 4;
            });
            assertThat(fourth).isEqualTo(4);
            assertThat(rows(store)).containsExactly(1, 2, 3, 4);
            assertThat(reports).hasValue(2);
        }
    }

    @Test
    void aWriterHandsOverOtherThreadsWritesSoonAfterItsOwn() throws Exception {
        int queuedWrites = 10 * 512; // ten full groups: far longer to run than the 2 ms before handing over
        try (Store store = open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = firstWriteHeldUntil(store, release);
            AtomicInteger committed = new AtomicInteger();
            List<CompletableFuture<Integer>> later = new ArrayList<>();
            for (int n = 100; n < 100 + queuedWrites; n++) {
                int value = n;
                later.add(store.submit(tx -> {
                    insert(tx, value);
                    return value;
                }).whenComplete((result, failure) -> committed.incrementAndGet()));
            }
            // read on the first write's thread the moment its write returns
            CompletableFuture<Integer> committedWhenFirstReturned = first.thenApply(value -> committed.get());
            release.countDown(); // that thread now runs the queue: its own write in the first group

            assertThat(committedWhenFirstReturned.get())
                    .as("queued writes committed when the first write returned (it took over the rest)")
                    .isLessThan(queuedWrites);
            CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get();
            assertThat(committed.get()).isEqualTo(queuedWrites);
            assertThat(rows(store)).hasSize(queuedWrites + 1);
        }
    }

    @Test
    void anInterruptedWriterStillWaitsForItsCommitAndKeepsTheInterrupt() throws Exception {
        try (Store store = open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = firstWriteHeldUntil(store, release);
            CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
            List<Thread> waiting = new ArrayList<>();
            CompletableFuture<Integer> second = writeOnThread(store, tx -> {
                insert(tx, 2);
                return 2;
            }, waiting, () -> interruptedAfter.complete(Thread.currentThread().isInterrupted()));
            awaitParked(waiting);
            waiting.get(0).interrupt();
            // an interrupted wait must not return early: not done within 50 ms, while the first write holds the lock
            assertThatThrownBy(() -> second.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            release.countDown();

            assertThat(first.get()).isEqualTo(1);
            assertThat(second.get()).isEqualTo(2);
            assertThat(interruptedAfter.get()).as("interrupt status after the write returned").isTrue();
            assertThat(rows(store)).containsExactly(1, 2);
        }
    }

    /**
     * SQLite ends some failed transactions itself (SQLITE_FULL, for one), and rolling back after
     * that fails too: the failure reported must be the first one, not "no transaction is active".
     */
    @Test
    void aFailedSetupReportsItsOwnFailure() throws Exception {
        try (Store store = new Store(temp.resolve("setup.db"), DataStore.Durability.APP_CRASH, changes -> {}, connection -> {})) {
            assertThatThrownBy(() -> store.start(tx -> {
                try (Statement statement = tx.connection().createStatement()) {
                    statement.execute("CREATE TABLE t (n INTEGER)");
                    statement.execute("ROLLBACK"); // as SQLite does on a full disk
                }
                throw new SQLException("the disk is full");
            })).hasMessage("the disk is full");
        }
    }

    private Store open() throws SQLException {
        return open(changes -> commits.add(changes.stream().map(change -> ((Post) change.model()).rating()).toList()));
    }

    private Store open(Consumer<List<StoreChange<?>>> committed) throws SQLException {
        Store store = new Store(temp.resolve("groups.db"), DataStore.Durability.APP_CRASH, committed, connection -> {});
        store.start(tx -> {
            try (Statement statement = tx.connection().createStatement()) {
                statement.execute("CREATE TABLE numbers (n INTEGER PRIMARY KEY)");
            }
            return null;
        });
        return store;
    }

    /** Starts a write of 1 whose work holds the write lock until {@code release} opens; returns once it holds it. */
    private static CompletableFuture<Integer> firstWriteHeldUntil(Store store, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Integer> first = writeOnThread(store, tx -> {
            insert(tx, 1);
            entered.countDown();
            release.await();
            return 1;
        }, new ArrayList<>());
        entered.await();
        return first;
    }

    /** Writes of each of {@code values}, each on a thread of its own, queued in that order; returns once all wait. */
    private static List<CompletableFuture<Integer>> queueWritesOf(Store store, int... values) throws InterruptedException {
        List<Thread> waiting = new ArrayList<>();
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int value : values) {
            writes.add(writeOnThread(store, tx -> {
                insert(tx, value);
                return value;
            }, waiting));
            awaitParked(waiting);
        }
        return writes;
    }

    /** Inserts {@code n} and reports it as a change (a post with rating {@code n}). */
    private static void insert(Store.Transaction tx, int n) throws SQLException {
        try (Statement statement = tx.connection().createStatement()) {
            statement.execute("INSERT INTO numbers VALUES (" + n + ")");
        }
        Post post = Post.builder().title("n").rating(n).build();
        tx.changed(new StoreChange<>(DataStoreModels.REGISTRY.schema(Post.class), StoreChange.Type.CREATE, post));
    }

    private static List<Integer> rows(Store store) {
        return store.read(db -> {
            List<Integer> values = new ArrayList<>();
            try (Statement statement = db.connection().createStatement();
                    ResultSet rows = statement.executeQuery("SELECT n FROM numbers ORDER BY n")) {
                while (rows.next()) {
                    values.add(rows.getInt(1));
                }
            }
            return values;
        });
    }

    private interface BlockingWork {
        int run(Store.Transaction tx) throws Exception;
    }

    private static CompletableFuture<Integer> writeOnThread(Store store, BlockingWork work, List<Thread> threads) {
        return writeOnThread(store, work, threads, () -> { });
    }

    /**
     * Calls the blocking {@link Store#write} on a thread of its own, added to {@code threads}, and
     * runs {@code afterwards} on that thread once the write returned.
     */
    private static CompletableFuture<Integer> writeOnThread(Store store, BlockingWork work, List<Thread> threads,
            Runnable afterwards) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Integer value = store.write(tx -> {
                    try {
                        return work.run(tx);
                    } catch (SQLException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                afterwards.run();
                result.complete(value);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        threads.add(thread);
        thread.start();
        return result;
    }

    /** Waits until every thread has queued its write and parked waiting for it. */
    private static void awaitParked(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            while (thread.getState() != Thread.State.TIMED_WAITING) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }
}
