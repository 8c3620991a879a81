package dev.datastore4j.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The database engine under {@link DataStore}: one write connection, used by one thread at a time,
 * and a small pool of read connections (WAL lets readers run beside the writer).
 *
 * <p>Group commit without a hand-off: a writing thread queues its work and, if the write lock is
 * free, runs the queue itself; otherwise it waits while the lock holder runs everything queued,
 * in groups of one transaction each. A group keeps taking in writes queued while it runs, so the
 * threads its previous commit released join it rather than the group after. A write returns only
 * after the transaction holding it has committed.
 *
 * <p>With commits synced at checkpoints only (the default), WAL checkpoints run on a thread of
 * their own (see {@link Checkpointer}). With every commit synced, SQLite's automatic checkpoint
 * runs inside the commit that fills the WAL instead: the WAL then starts over from its beginning
 * every thousand pages, and a sync of pages written over is cheaper than a sync of a file that
 * grows, which is what a background checkpoint racing a steady stream of writes leads to.
 */
final class Store implements AutoCloseable {
    /** Work done inside the write transaction. */
    interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }

    /** Work done on a read connection. */
    interface Read<T> {
        T run(Db db) throws SQLException;
    }

    /** The write connection and the changes to publish once the transaction commits. */
    static final class Transaction {
        private final Db db;
        private final List<StoreChange<?>> changes = new ArrayList<>();

        Transaction(Db db) {
            this.db = db;
        }

        Db db() {
            return db;
        }

        Connection connection() {
            return db.connection();
        }

        void changed(StoreChange<?> change) {
            changes.add(change);
        }
    }

    private record Job<T>(Work<T> work, CompletableFuture<T> result) {}

    private static final int MAX_GROUP = 512;
    private static final int READERS = 4;

    private final String url;
    private final Db writer;
    /** Null when SQLite checkpoints inside commits. */
    private final Checkpointer checkpointer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<Job<?>> queued = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Db> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Db> allReaders = new ArrayList<>();
    private final Consumer<List<StoreChange<?>>> committed;
    /** Drives queued asynchronous writes; one thread is enough, since whoever holds the lock runs every queued job. */
    private final ExecutorService asyncWrites = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "datastore4j-write");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /**
     * Opens {@code file}. With {@link DataStore.Durability#POWER_LOSS} the WAL is synced before a
     * commit returns ({@code synchronous=FULL}); otherwise only at checkpoints ({@code NORMAL}).
     */
    Store(Path file, DataStore.Durability durability, Consumer<List<StoreChange<?>>> committed) throws SQLException {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.committed = committed;
        boolean syncEveryCommit = durability == DataStore.Durability.POWER_LOSS;
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
                String journal = mode.next() ? mode.getString(1) : "none";
                if (!"wal".equalsIgnoreCase(journal)) {
                    throw new SQLException("cannot use a write-ahead log here (journal mode stays " + journal + ")");
                }
            }
            if (syncEveryCommit) {
                statement.execute("PRAGMA synchronous=FULL");
            } else {
                statement.execute("PRAGMA wal_autocheckpoint=0"); // the Checkpointer's job
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        this.writer = new Db(connection);
        Checkpointer checkpoints = null;
        if (!syncEveryCommit) {
            try {
                checkpoints = new Checkpointer(connect());
            } catch (SQLException e) {
                writer.close();
                throw e;
            }
        }
        this.checkpointer = checkpoints;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, connectionSettings());
    }

    /**
     * What every connection of the store opens with: {@code synchronous=NORMAL} (only the
     * writer's setting decides what a commit syncs), a 10 s busy timeout, and the driver's eager
     * generated keys off: it would otherwise parse and run a {@code SELECT last_insert_rowid()}
     * after every INSERT, a tenth of a save's time.
     */
    static Properties connectionSettings() {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setGetGeneratedKeys(false);
        return config.toProperties();
    }

    /** Runs {@code setup} in one transaction before any other work. */
    void start(Work<Void> setup) throws SQLException {
        try {
            setup.run(new Transaction(writer));
            writer.connection().commit();
        } catch (SQLException | RuntimeException e) {
            writer.connection().rollback();
            throw e;
        }
    }

    /** Queues {@code work} and returns at once; the future completes after its commit. */
    <T> CompletableFuture<T> submit(Work<T> work) {
        Job<T> job = new Job<>(work, new CompletableFuture<>());
        queued.add(job);
        try {
            asyncWrites.execute(() -> drive(job));
        } catch (RejectedExecutionException e) {
            job.result().completeExceptionally(new DataStoreException("the store is closed"));
        }
        return job.result();
    }

    /** Runs {@code work} in a write transaction on this thread (or joins a group) and waits for its commit. */
    <T> T write(Work<T> work) {
        Job<T> job = new Job<>(work, new CompletableFuture<>());
        queued.add(job);
        drive(job);
        return join(job.result());
    }

    /**
     * Gets {@code job} committed: by running the queue when the write lock is free, or by waiting
     * for the thread that holds it, which runs everything queued before it lets go. A thread checks
     * the queue again after unlocking, so a job queued while the lock was being released is never
     * left behind.
     */
    private void drive(Job<?> job) {
        while (true) {
            if (writeLock.tryLock()) {
                try {
                    if (closed) {
                        failQueued();
                        return;
                    }
                    runQueued();
                } finally {
                    writeLock.unlock();
                }
                if (job.result().isDone() && queued.isEmpty()) {
                    return;
                }
            } else if (job.result().isDone()) {
                return;
            } else {
                awaitQuietly(job);
            }
        }
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            runGroup(new ArrayList<>(), true);
        }
    }

    private static void awaitQuietly(Job<?> job) {
        try {
            job.result().get(10, TimeUnit.MILLISECONDS); // woken by completion; the timeout is only a safety net
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // done with a failure (reported by join), or not yet: the loop looks again
        }
    }

    private void failQueued() {
        for (Job<?> job; (job = queued.poll()) != null; ) {
            job.result().completeExceptionally(new DataStoreException("the store is closed"));
        }
    }

    <T> T read(Read<T> work) {
        Db db = readers.poll();
        try {
            if (db == null) {
                db = newReader();
            }
            return work.run(db);
        } catch (SQLException e) {
            throw new DataStoreException("read failed: " + e.getMessage(), e);
        } finally {
            if (db != null && !readers.offer(db)) {
                db.close();
            }
        }
    }

    private Db newReader() throws SQLException {
        synchronized (allReaders) {
            if (closed) {
                throw new DataStoreException("the store is closed");
            }
            Db db = new Db(connect());
            allReaders.add(db);
            return db;
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DataStoreException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /**
     * Runs {@code group} in one transaction and, with {@code takeQueued}, every job queued until the
     * transaction commits (up to {@value #MAX_GROUP}): the threads released by the last commit queue
     * their next writes while this group's work runs, and join it instead of waiting for the next.
     *
     * <p>When a job fails (a condition not met, say), the transaction is rolled back and each job
     * of the group runs again in a transaction of its own, so a failure only ever undoes its own
     * job; work reads the database afresh, so running it again is safe.
     */
    private void runGroup(List<Job<?>> group, boolean takeQueued) {
        Transaction tx = new Transaction(writer);
        List<Object> results = new ArrayList<>();
        try {
            for (int i = 0; i < group.size() || takeQueued && takeNext(group); i++) {
                results.add(group.get(i).work().run(tx));
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(
                        e instanceof SQLException ? new DataStoreException("write failed: " + e.getMessage(), e) : e);
            } else {
                group.forEach(job -> runGroup(List.of(job), false));
            }
            return;
        }
        try {
            writer.connection().commit();
        } catch (SQLException e) {
            rollbackQuietly();
            DataStoreException failure = new DataStoreException("commit failed: " + e.getMessage(), e);
            group.forEach(job -> job.result().completeExceptionally(failure));
            return;
        }
        if (checkpointer != null) {
            checkpointer.committed(group.size());
        }
        committed.accept(tx.changes);
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i));
        }
    }

    /** Moves the next queued job into {@code group}; false when none is queued or the group is full. */
    private boolean takeNext(List<Job<?>> group) {
        Job<?> next = group.size() < MAX_GROUP ? queued.poll() : null;
        return next != null && group.add(next);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> job, Object result) {
        job.result().complete((T) result);
    }

    private void rollbackQuietly() {
        try {
            writer.connection().rollback();
        } catch (SQLException ignored) {
            // the connection is unusable; the failure itself is reported to every job
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            failQueued();
            if (checkpointer != null) {
                checkpointer.close();
            }
            writer.close();
        } finally {
            writeLock.unlock();
        }
        asyncWrites.shutdown();
        synchronized (allReaders) {
            allReaders.forEach(Db::close);
        }
    }
}
