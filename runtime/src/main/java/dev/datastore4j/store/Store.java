package dev.datastore4j.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The database engine under {@link DataStore}: one writer thread that owns the write connection
 * and commits in groups, and a small pool of read connections (WAL lets readers run beside the
 * writer).
 *
 * <p>Group commit: writes that arrive while a transaction is being committed are queued and run
 * together in the next transaction, each inside its own savepoint, so one failing write (a
 * condition not met) rolls back only itself. A write's future completes only after the
 * transaction holding it has committed.
 */
final class Store implements AutoCloseable {
    /** Work done inside the write transaction. */
    interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }

    /** Work done on a read connection. */
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The write connection and the changes to publish once the transaction commits. */
    static final class Transaction {
        private final Connection connection;
        private final List<StoreChange<?>> changes = new ArrayList<>();

        Transaction(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        void changed(StoreChange<?> change) {
            changes.add(change);
        }
    }

    private record Job<T>(Work<T> work, CompletableFuture<T> result) {}

    /** Queued by {@link #close()}: the writer finishes what is ahead of it, then stops. */
    private static final Job<Void> STOP = new Job<>(tx -> null, new CompletableFuture<>());

    private static final int MAX_GROUP = 512;
    private static final int READERS = 4;

    private final String url;
    private final Connection writer;
    private final BlockingQueue<Job<?>> jobs = new LinkedBlockingQueue<>();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final Consumer<List<StoreChange<?>>> committed;
    private final Thread thread;
    private volatile boolean closed;

    Store(Path file, Consumer<List<StoreChange<?>>> committed) throws SQLException {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.committed = committed;
        this.writer = connect();
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
        }
        writer.setAutoCommit(false);
        this.thread = new Thread(this::writeLoop, "datastore4j-writer " + file.getFileName());
        thread.setDaemon(true);
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("synchronous", "NORMAL");
        properties.setProperty("busy_timeout", "10000");
        properties.setProperty("foreign_keys", "false");
        Connection connection = DriverManager.getConnection(url, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
    }

    /** Runs {@code setup} on the write connection in one transaction before any other work. */
    void start(Work<Void> setup) throws SQLException {
        try {
            setup.run(new Transaction(writer));
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
        thread.start();
    }

    <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (jobs) { // no job may follow STOP
            if (closed) {
                result.completeExceptionally(new DataStoreException("the store is closed"));
            } else {
                jobs.add(new Job<>(work, result));
            }
        }
        return result;
    }

    /** Runs {@code work} in a write transaction and waits for its commit. */
    <T> T write(Work<T> work) {
        return join(submit(work));
    }

    <T> T read(Read<T> work) {
        Connection connection = readers.poll();
        try {
            if (connection == null) {
                connection = newReader();
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataStoreException("read failed: " + e.getMessage(), e);
        } finally {
            if (connection != null && !readers.offer(connection)) {
                closeQuietly(connection);
            }
        }
    }

    private Connection newReader() throws SQLException {
        if (closed) {
            throw new DataStoreException("the store is closed");
        }
        Connection connection = connect();
        synchronized (allReaders) {
            allReaders.add(connection);
        }
        return connection;
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

    private void writeLoop() {
        List<Job<?>> group = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                group.add(jobs.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, through STOP
            }
            jobs.drainTo(group, MAX_GROUP - 1);
            stopping = group.remove(STOP);
            if (!group.isEmpty()) {
                runGroup(group);
            }
            group.clear();
        }
    }

    private void runGroup(List<Job<?>> group) {
        List<Object> results = new ArrayList<>(group.size());
        List<Throwable> failures = new ArrayList<>(group.size());
        Transaction tx = new Transaction(writer);
        try {
            for (Job<?> job : group) {
                runOne(job, tx, results, failures);
            }
            writer.commit();
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

    private void runOne(Job<?> job, Transaction tx, List<Object> results, List<Throwable> failures) throws SQLException {
        int changesBefore = tx.changes.size();
        try (Statement savepoint = writer.createStatement()) {
            savepoint.execute("SAVEPOINT job");
            try {
                results.add(job.work().run(tx));
                failures.add(null);
                savepoint.execute("RELEASE job");
            } catch (SQLException | RuntimeException e) {
                savepoint.execute("ROLLBACK TO job");
                savepoint.execute("RELEASE job");
                tx.changes.subList(changesBefore, tx.changes.size()).clear();
                results.add(null);
                failures.add(e instanceof SQLException ? new DataStoreException("write failed: " + e.getMessage(), e) : e);
            }
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
            writer.rollback();
        } catch (SQLException ignored) {
            // the connection is unusable; the failure itself is reported to every job
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read connection: nothing to lose
        }
    }

    @Override
    public void close() {
        synchronized (jobs) {
            if (closed) {
                return;
            }
            closed = true;
            jobs.add(STOP);
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (allReaders) {
            allReaders.forEach(Store::closeQuietly);
        }
        closeQuietly(writer);
    }
}
