package dev.datastore4j.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
