package dev.datastore4j.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The database engine under {@link DataStore}: one write connection, used by one thread at a time,
 * and a small pool of read connections (WAL lets readers run beside the writer).
 *
 * <p>Group commit without a hand-off: a writing thread queues its work and takes the write lock;
 * whoever holds the lock runs everything queued so far in one transaction, each piece inside its
 * own savepoint (so one failing write, a condition not met, rolls back only itself), commits, and
 * completes each piece. Threads that queued while a commit was running find their work done, or
 * run the next group. A write returns only after the transaction holding it has committed.
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
    /** Fair, so that a thread that just committed cannot barge ahead of waiters and commit alone again. */
    /** Fair, so that a thread that just committed cannot barge ahead of the waiters and commit alone again. */
    private final ReentrantLock writeLock = new ReentrantLock(true);
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

    Store(Path file, Consumer<List<StoreChange<?>>> committed) throws SQLException {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.committed = committed;
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        this.writer = new Db(connection);
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
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

    private void drive(Job<?> job) {
        while (!job.result().isDone()) {
            writeLock.lock();
            try {
                if (closed) {
                    failQueued();
                    return;
                }
                if (!job.result().isDone()) {
                    List<Job<?>> group = new ArrayList<>();
                    for (Job<?> next; group.size() < MAX_GROUP && (next = queued.poll()) != null; ) {
                        group.add(next);
                    }
                    runGroup(group);
                }
            } finally {
                writeLock.unlock();
            }
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

    private void runGroup(List<Job<?>> group) {
        List<Object> results = new ArrayList<>(group.size());
        List<Throwable> failures = new ArrayList<>(group.size());
        Transaction tx = new Transaction(writer);
        try {
            for (Job<?> job : group) {
                runOne(job, tx, group.size() > 1, results, failures);
            }
            writer.connection().commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            DataStoreException failure = new DataStoreException("commit failed: " + e.getMessage(), e);
            group.forEach(job -> job.result().completeExceptionally(failure));
            return;
        }
        committed.accept(tx.changes);
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i), failures.get(i));
        }
    }

    /** Runs one job; inside a savepoint when it shares the transaction, so its failure undoes only itself. */
    private void runOne(Job<?> job, Transaction tx, boolean shared, List<Object> results, List<Throwable> failures)
            throws SQLException {
        int changesBefore = tx.changes.size();
        if (shared) {
            writer.prepare("SAVEPOINT job").execute();
        }
        try {
            results.add(job.work().run(tx));
            failures.add(null);
            if (shared) {
                writer.prepare("RELEASE job").execute();
            }
        } catch (SQLException | RuntimeException e) {
            if (shared) {
                writer.prepare("ROLLBACK TO job").execute();
                writer.prepare("RELEASE job").execute();
            } else {
                writer.connection().rollback();
            }
            tx.changes.subList(changesBefore, tx.changes.size()).clear();
            results.add(null);
            failures.add(e instanceof SQLException ? new DataStoreException("write failed: " + e.getMessage(), e) : e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> job, Object result, Throwable failure) {
        if (failure != null) {
            job.result().completeExceptionally(failure);
        } else {
            job.result().complete((T) result);
        }
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
