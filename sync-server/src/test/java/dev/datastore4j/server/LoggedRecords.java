package dev.datastore4j.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the logger of a class publishes while this is open (try-with-resources). */
final class LoggedRecords extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LoggedRecords(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    /** Starts keeping what the logger of {@code source} (its class name) publishes. */
    static LoggedRecords of(Class<?> source) {
        return new LoggedRecords(Logger.getLogger(source.getName()));
    }

    /** The records published so far, in order. */
    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /**
     * Whether a record {@code wanted} matches has been published, waiting up to {@code millis} for
     * one: at once when one has been.
     */
    synchronized boolean await(Predicate<LogRecord> wanted, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (records.stream().noneMatch(wanted)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
