package dev.datastore4j.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the
 * commit that takes the WAL past 1,000 pages, so that write, and under group commit every write
 * queued behind it, waits while pages are copied into the database file. Instead the write
 * connection's automatic checkpoint is turned off and this thread, on a connection of its own,
 * runs a {@code PASSIVE} checkpoint (which never blocks readers or the writer) after every
 * {@value #EVERY} committed writes, and once a second while there are any.
 *
 * <p>A checkpoint running beside the writer never catches up with a steady stream of writes, and
 * the WAL can only start over once all of it is copied. So when the WAL holds more than {@value
 * #MAX_FRAMES} pages, the writer runs one passive checkpoint itself, between two transactions
 * ({@link #restartIfDue}): nothing is added to the WAL meanwhile, so it copies the pages written
 * since this thread's last checkpoint, and the next transaction starts the WAL over. That holds
 * writes back for the few milliseconds of copying and syncing; a {@code RESTART} checkpoint from
 * this connection held them back for 30-50 ms, much of it asleep in SQLite's busy handler.
 */
final class Checkpointer implements AutoCloseable {
    /**
     * Checkpoints come often and the WAL is kept short (a few thousand pages, 15-30 MB under a
     * steady stream of saves): each catching-up checkpoint then has little to copy, and a fresh
     * database stops growing its WAL, which costs more per commit than writing over it, after its
     * first few hundred saves. With 1,000 and 16,384 the WAL grew past 100 MB, the first ~4,000
     * saves of a fresh file were 20-30% slower, and the slowest saves took longer
     * (docs/benchmarks.md). That holds while checkpoints keep up: one slowed by its syncs (0.1-0.2 s
     * on this machine) lets the WAL grow by whatever is written meanwhile, which 4 threads saving
     * at full speed took past 100 MB in some runs.
     */
    static final int EVERY = 250;
    static final int MAX_FRAMES = 2048;

    private final Connection connection;
    private final Thread thread;
    private final AtomicInteger writes = new AtomicInteger();
    private final Semaphore due = new Semaphore(0);
    private volatile boolean closed;
    /** Set when the WAL has grown past {@value #MAX_FRAMES} pages. */
    private volatile boolean restartDue;

    Checkpointer(Connection connection) {
        this.connection = connection;
        this.thread = Store.daemonThreads("datastore4j-checkpoint").newThread(this::run);
        thread.start();
    }

    /** Called after each commit with the number of writes it held. */
    void committed(int count) {
        if (writes.addAndGet(count) >= EVERY) {
            writes.set(0);
            due.release();
        }
    }

    private void run() {
        while (!closed) {
            try {
                boolean signalled = due.tryAcquire(1, TimeUnit.SECONDS);
                if (closed) {
                    return;
                }
                if (signalled || writes.getAndSet(0) > 0) {
                    due.drainPermits();
                    checkpoint();
                }
            } catch (InterruptedException e) {
                return; // closing
            }
        }
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement()) {
            int frames;
            try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                frames = result.next() ? result.getInt(2) : 0;
            }
            if (frames > MAX_FRAMES) {
                restartDue = true;
            }
        } catch (SQLException e) {
            // busy or closing: the next round tries again, and SQLite checkpoints when the store closes
        }
    }

    /**
     * Called by the writer between transactions, holding the write lock: when the WAL has grown
     * too long, checkpoints it on {@code writer} so that the next transaction starts it over.
     */
    void restartIfDue(Connection writer) {
        if (!restartDue) {
            return;
        }
        restartDue = false;
        try (Statement statement = writer.createStatement()) {
            statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)").close();
        } catch (SQLException e) {
            // the background round that finds the WAL still long asks again
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing of the store's is held here
        }
    }
}
