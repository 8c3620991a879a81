package dev.datastore4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The database engine under {@link DataStore}: one write connection, used by one thread at a time,
 * and a small pool of read connections (WAL lets readers run beside the writer).
 *
 * <p>Group commit without a writer thread: a writing thread queues its work and, if the write lock
 * is free, runs the queue itself; otherwise it waits while the lock holder runs what is queued, in
 * groups of one transaction each. A group keeps taking in writes queued while it runs, so the
 * threads its previous commit released join it rather than the group after (a group of one yields
 * the CPU once to give them the chance: {@link #takeNext}). A write returns only after the
 * transaction holding it has committed, and its thread runs other threads' writes for at most
 * about {@value #HAND_OFF_MILLIS} ms after that before it hands the queue over.
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

    /** A look at a database file before the store changes anything in it; throws to refuse the file. */
    interface Check {
        void run(Connection connection) throws SQLException;
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

    /** A queued write: its work, its result, and the thread blocked waiting for it, while one is. */
    private static final class Job<T> {
        final Work<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        /** The thread parked waiting for this job, if one is. */
        volatile Thread waiter;

        Job(Work<T> work) {
            this.work = work;
        }

        /** Completes the job; true when that woke a thread waiting for it. */
        @SuppressWarnings("unchecked")
        boolean complete(Object value) {
            result.complete((T) value);
            return wake();
        }

        void fail(Throwable failure) {
            result.completeExceptionally(failure);
            wake();
        }

        /** Unparks the thread waiting for this job; false when none is. */
        boolean wake() {
            Thread thread = waiter;
            if (thread == null) {
                return false;
            }
            LockSupport.unpark(thread);
            return true;
        }
    }

    private static final int MAX_GROUP = 512;
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long a thread whose own write is done keeps running other threads' writes before it hands over. */
    private static final long HAND_OFF_MILLIS = 2;
    private static final long HAND_OFF_NANOS = TimeUnit.MILLISECONDS.toNanos(HAND_OFF_MILLIS);
    private static final int READERS = 4;
    private static final int CALLBACK_THREADS = 4;
    /**
     * The size the WAL file is cut back to when it starts over (SQLite's {@code journal_size_limit}).
     * SQLite writes over its WAL rather than shrinking it, so one large batch (300,000 posts: 210 MB)
     * would keep its size on disk for as long as the store stays open. A steady stream of saves
     * mostly keeps the WAL under about 25 MB ({@link Checkpointer}), below this, so it is seldom cut
     * and regrown; a checkpoint slowed by its syncs lets it grow further meanwhile.
     */
    static final long WAL_SIZE_LIMIT = 32L << 20;

    private final String url;
    /** Held from opening to closing: no other store may use the file meanwhile. */
    private final OwnerLock owner;
    private final Db writer;
    /** Null when SQLite checkpoints inside commits. */
    private final Checkpointer checkpointer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<Job<?>> queued = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Db> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Db> allReaders = new ArrayList<>();
    private final Consumer<List<StoreChange<?>>> committed;
    /** Drives queued asynchronous writes; one thread is enough, since whoever holds the lock runs every queued job. */
    private final ExecutorService asyncWrites = Executors.newSingleThreadExecutor(daemonThreads("datastore4j-write"));
    /**
     * Runs asynchronous reads, as many at once as there are pooled read connections; its threads
     * end after a minute without work. {@code CompletableFuture}'s default would be the common
     * pool, whose few threads a read would hold up, or on one or two cores a new thread per read.
     */
    private final ExecutorService asyncReads = asyncReadThreads();
    /** Completes the futures of asynchronous writes and reads ({@link #handedOver}). */
    private final ExecutorService callbacks = callbackThreads();
    /**
     * How many waiting threads the last commit woke, until a group yields to them (guarded by
     * {@link #writeLock}).
     */
    private int released;
    private volatile boolean closed;

    /**
     * Opens {@code file}, once {@code check} has seen it as it was (before the store makes it a WAL
     * database). With {@link DataStore.Durability#POWER_LOSS} the WAL is synced before a commit
     * returns ({@code synchronous=FULL}); otherwise only at checkpoints ({@code NORMAL}).
     */
    Store(Path file, DataStore.Durability durability, Consumer<List<StoreChange<?>>> committed, Check check)
            throws SQLException {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.committed = committed;
        this.owner = OwnerLock.take(file);
        boolean syncEveryCommit = durability == DataStore.Durability.POWER_LOSS;
        Connection connection;
        try {
            connection = connect();
        } catch (SQLException e) {
            owner.close();
            throw e;
        }
        try (Statement statement = connection.createStatement()) {
            check.run(connection);
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
                String journal = mode.next() ? mode.getString(1) : "none";
                if (!"wal".equalsIgnoreCase(journal)) {
                    throw new SQLException("cannot use a write-ahead log here (journal mode stays " + journal + ")");
                }
            }
            statement.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT);
            if (syncEveryCommit) {
                statement.execute("PRAGMA synchronous=FULL");
            } else {
                statement.execute("PRAGMA wal_autocheckpoint=0"); // the Checkpointer's job
            }
        } catch (SQLException e) {
            connection.close();
            owner.close();
            throw e;
        }
        this.writer = new Db(connection);
        Checkpointer checkpoints = null;
        if (!syncEveryCommit) {
            try {
                checkpoints = new Checkpointer(connect());
            } catch (SQLException e) {
                writer.close();
                owner.close();
                throw e;
            }
        }
        this.checkpointer = checkpoints;
    }

    private static ExecutorService asyncReadThreads() {
        ThreadPoolExecutor threads = new ThreadPoolExecutor(READERS, READERS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                daemonThreads("datastore4j-read"));
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    /**
     * Up to {@value #CALLBACK_THREADS} threads at a time (more while some wait in a {@code join()}
     * of a store's future), each ending after a while without work. A fork-join pool hands a
     * burst of completions to the threads already running rather than waking one for each: 40,000
     * asynchronous saves at once ran as fast as when the writing thread completed them, and
     * about twice as fast as with a thread pool that grows as needed (docs/benchmarks.md).
     */
    private static ExecutorService callbackThreads() {
        return new ForkJoinPool(CALLBACK_THREADS, pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("datastore4j-callback");
            thread.setDaemon(true);
            return thread;
        }, null, true);
    }

    /** Threads named {@code name} that do not keep the JVM alive. */
    static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private Connection connect() throws SQLException {
        return SqliteLibrary.connect(url, connectionSettings());
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
            begin();
            setup.run(new Transaction(writer));
            commit();
        } catch (SQLException | RuntimeException e) {
            rollBack(e);
            throw e;
        }
    }

    /**
     * Writes a copy of the database as last committed to {@code target}, which must not exist,
     * and syncs it to the disk. It is written under a temporary name and renamed when whole, so
     * that a copy cut short by a crash is never taken for a complete one.
     */
    Path copyTo(Path target) throws SQLException {
        Path copy = target.toAbsolutePath();
        Path partial = Copies.partialOf(copy);
        try {
            try (Connection connection = connect()) {
                Copies.vacuumInto(connection, partial);
            }
            Copies.rename(partial, copy);
            return copy;
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(partial); // on a full disk, say: what was written of it only takes room
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new SQLException("cannot copy it to " + copy + ": " + e.getMessage(), e);
        }
    }

    /** Queues {@code work} and returns at once; the future completes after its commit. */
    <T> CompletableFuture<T> submit(Work<T> work) {
        Job<T> job = new Job<>(work);
        queued.add(job);
        try {
            asyncWrites.execute(() -> drive(job));
        } catch (RejectedExecutionException e) {
            job.fail(new DataStoreException("the store is closed"));
        }
        return handedOver(job.result);
    }

    /**
     * A future that completes as {@code inner} does, on one of the store's callback threads. What
     * an app chains to a future ({@code thenRun}, {@code thenAccept}, ...) runs on the thread that
     * completes it: for a write, the thread holding the write lock, which would keep every other
     * write waiting while a slow action ran, and would run a write the action makes inside the
     * group that is being completed; for a read, one of the few threads asynchronous reads run on.
     * An action may wait for another future of the store ({@link #callbackThreads}).
     */
    private <T> CompletableFuture<T> handedOver(CompletableFuture<T> inner) {
        CompletableFuture<T> outer = new CompletableFuture<>();
        inner.whenComplete((value, failure) -> {
            Runnable complete = () -> {
                if (failure == null) {
                    outer.complete(value);
                } else {
                    outer.completeExceptionally(failure);
                }
            };
            try {
                callbacks.execute(complete);
            } catch (RejectedExecutionException closed) {
                complete.run(); // the store is closed: no write is left for it to hold up
            }
        });
        return outer;
    }

    /** Runs {@code work} in a write transaction on this thread (or joins a group) and waits for its commit. */
    <T> T write(Work<T> work) {
        Job<T> job = new Job<>(work);
        queued.add(job);
        drive(job);
        return join(job.result);
    }

    /**
     * Gets {@code job} committed: by running the queue when the write lock is free, or by waiting
     * for the thread that holds it.
     *
     * <p>The lock holder runs the queue until it is empty, or, once its own job has been done for
     * {@link #HAND_OFF_NANOS} (under a steady stream of writes the queue may never be empty), until
     * it hands over: it unlocks and then wakes a thread waiting for a queued job. A thread parks only
     * while the lock is held, and checks that after registering as a waiter, so a thread about to
     * park either sees the lock free or is seen and woken. Every thread also checks the queue again
     * after unlocking, so a job queued while the lock was being released is never left behind.
     *
     * <p>An interrupt does not stop the wait (the write is queued and will commit); it stays set
     * for the caller.
     */
    private void drive(Job<?> job) {
        boolean interrupted = false;
        try {
            while (true) {
                if (writeLock.tryLock()) {
                    boolean handingOver;
                    try {
                        if (closed) {
                            failQueued();
                            return;
                        }
                        handingOver = runQueued(job);
                    } finally {
                        writeLock.unlock();
                    }
                    if (handingOver) {
                        wakeOneWaiter();
                        return;
                    }
                    if (job.result.isDone() && queued.isEmpty()) {
                        return;
                    }
                } else if (job.result.isDone()) {
                    return;
                } else {
                    await(job);
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs queued groups until the queue is empty, or until {@code own} has been done for {@link
     * #HAND_OFF_NANOS}; true in that case, when the caller must hand over.
     */
    private boolean runQueued(Job<?> own) {
        boolean ownDone = false;
        long ownDoneAt = 0;
        for (Job<?> first; (first = queued.poll()) != null; ) {
            List<Job<?>> group = new ArrayList<>();
            group.add(first);
            runGroup(group, true);
            if (own.result.isDone() && !queued.isEmpty()) {
                long now = System.nanoTime();
                if (!ownDone) {
                    ownDone = true;
                    ownDoneAt = now;
                } else if (now - ownDoneAt > HAND_OFF_NANOS) {
                    return true;
                }
            }
        }
        return false;
    }

    private void wakeOneWaiter() {
        for (Job<?> job : queued) {
            if (job.wake()) {
                return;
            }
        }
    }

    /**
     * Parks until {@code job} is done, the lock holder hands over, or 10 ms pass (a safety net
     * only), and not at all when the lock is free.
     */
    private void await(Job<?> job) {
        job.waiter = Thread.currentThread();
        if (!job.result.isDone() && writeLock.isLocked()) {
            LockSupport.parkNanos(job, WAIT_NANOS);
        }
        job.waiter = null;
    }

    private void failQueued() {
        for (Job<?> job; (job = queued.poll()) != null; ) {
            job.fail(new DataStoreException("the store is closed"));
        }
    }

    <T> T read(Read<T> work) {
        if (closed) {
            throw new DataStoreException("the store is closed");
        }
        Db db = readers.poll();
        try {
            if (db == null) {
                db = newReader();
            }
            return work.run(db);
        } catch (SQLException e) {
            if (db != null) {
                db.forgetStatements(); // see there: a statement that failed may be dead
            }
            throw new DataStoreException(closed ? "the store is closed" : "read failed: " + e.getMessage(), e);
        } finally {
            if (db != null && !readers.offer(db)) {
                db.close();
            }
        }
    }

    /** Runs {@code work} on a read connection on another thread. */
    <T> CompletableFuture<T> readAsync(Read<T> work) {
        try {
            return handedOver(CompletableFuture.supplyAsync(() -> read(work), asyncReads));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new DataStoreException("the store is closed"));
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
            if (e.getCause() instanceof Error error) {
                throw error;
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
            begin();
            for (int i = 0; i < group.size() || takeQueued && takeNext(group); i++) {
                results.add(group.get(i).work.run(tx));
            }
        } catch (SQLException | RuntimeException | Error e) { // an Error too: no write may be left open or waiting
            rollBack(e);
            if (group.size() == 1) {
                group.get(0).fail(e instanceof SQLException ? new DataStoreException("write failed: " + e.getMessage(), e) : e);
            } else {
                group.forEach(job -> runGroup(List.of(job), false));
            }
            return;
        }
        try {
            commit();
        } catch (SQLException e) {
            rollBack(e);
            DataStoreException failure = new DataStoreException("commit failed: " + e.getMessage(), e);
            group.forEach(job -> job.fail(failure));
            return;
        }
        try {
            if (checkpointer != null) {
                checkpointer.committed(group.size());
            }
            committed.accept(tx.changes);
        } finally {
            // the group committed: each write returns, whatever failed after (an Error is this thread's to throw)
            int woken = 0;
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i).complete(results.get(i))) {
                    woken++;
                }
            }
            released = woken;
        }
        if (checkpointer != null) {
            checkpointer.restartIfDue(writer.connection());
        }
    }

    /**
     * Moves the next queued job into {@code group}; false when none is queued or the group is full.
     *
     * <p>A group of one with nothing else queued, right after a commit that woke waiting threads,
     * yields the CPU once before it gives up. The thread that committed comes back with its next
     * write at once, while the threads it woke may still be waiting for a CPU; on a busy machine
     * they often wait on this very thread's CPU, which it keeps, never blocking, for as long as a
     * scheduler tick. Yielding lets them run and queue their next writes into this group, where
     * each group of one would otherwise cost a commit of its own (on 2 CPUs, 8 threads saving:
     * groups of 3.9 writes became 5.8, and the rate rose 8-12%; docs/benchmarks.md). When no
     * other thread waits for the CPU, the yield returns at once.
     */
    private boolean takeNext(List<Job<?>> group) {
        if (group.size() >= MAX_GROUP) {
            return false;
        }
        Job<?> next = queued.poll();
        if (next == null && group.size() == 1 && released > 0) {
            released = 0;
            Thread.yield();
            next = queued.poll();
        }
        return next != null && group.add(next);
    }

    /**
     * Begins a transaction on the writer. Its transactions begin and end here, with the driver in
     * auto-commit mode, rather than by the driver's commit() and rollback(): those run BEGIN right
     * after the COMMIT or ROLLBACK, and not at all when that fails. SQLite ends a transaction
     * itself when a statement fails on a full disk or an I/O error, so ROLLBACK then fails, and the
     * next writes would run one statement a transaction: a record saved without its outbox entry
     * ({@code FullDiskTest}). Here every group opens its own transaction, whatever the last came to.
     *
     * <p>{@code IMMEDIATE}: the transaction takes the write lock as it begins, waiting (the busy
     * timeout) while another connection holds it for a moment, as the checkpointer's does when it
     * finds the WAL's index changing under it. A deferred transaction takes the lock at its first
     * write, after it has read, and there SQLite fails at once rather than wait
     * ({@code ConcurrencyTest}).
     */
    private void begin() throws SQLException {
        writer.prepare("BEGIN IMMEDIATE").execute();
    }

    private void commit() throws SQLException {
        writer.prepare("COMMIT").execute();
    }

    /**
     * Ends the transaction that {@code failure} cut short, unless SQLite ended it already; the
     * failure is what gets reported. After a database error the writer's statements are
     * re-prepared, since the driver finalizes a statement that failed ({@link Db#forgetStatements}).
     */
    private void rollBack(Throwable failure) {
        if (failure instanceof SQLException) {
            writer.forgetStatements();
        }
        // not a cached statement: with no transaction open it fails, and the driver finalizes it
        try (Statement statement = writer.connection().createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction open (SQLite rolled it back itself), or the connection is unusable
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
        try {
            asyncWrites.shutdown();
            asyncReads.shutdown();
            callbacks.shutdown(); // after what is queued: futures failed by the close complete still
            synchronized (allReaders) {
                allReaders.forEach(Db::close);
            }
        } finally {
            // last, and whatever happened: the file may be opened again once every connection to it is closed
            owner.close();
        }
    }
}
