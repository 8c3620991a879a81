package dev.datastore4j.server;

import java.util.List;
import java.util.Optional;

/**
 * Where the server keeps records. Writes run one transaction at a time through {@link #write};
 * every write gets a {@code _lastChangedAt} from a clock that never runs backwards, and
 * {@link #syncStart()} returns a time that no later write can reuse, so a sync that starts at
 * {@code t} and a delta sync from {@code t} together see every change.
 */
interface RecordStore extends AutoCloseable {
    /** The writes of one transaction. */
    interface Writer {
        Optional<StoredRecord> get(String model, String key);

        /** Stores {@code record}; its {@code lastChangedAt} is replaced by the next clock tick, which is returned. */
        StoredRecord put(StoredRecord record);
    }

    interface Work<T> {
        T run(Writer writer);
    }

    <T> T write(Work<T> work);

    Optional<StoredRecord> get(String model, String key);

    /** Records of {@code model} with keys after {@code afterKey} (null: from the start), in key order. */
    List<StoredRecord> scan(String model, String afterKey, int limit);

    /**
     * Records of {@code model} whose text field {@code field} equals {@code value}, with keys
     * after {@code afterKey} (null: from the start), in key order; tombstones included. Fast for
     * fields passed to {@link #indexField} first.
     */
    List<StoredRecord> scanWhere(String model, String field, String value, String afterKey, int limit);

    /** Makes {@link #scanWhere} on {@code field} of {@code model} an index lookup; {@code field} is a GraphQL name. */
    void indexField(String model, String field);

    /**
     * Records of {@code model} changed after {@code since}, in (lastChangedAt, key) order,
     * starting after the position ({@code afterTime}, {@code afterKey}).
     */
    List<StoredRecord> changes(String model, long since, long afterTime, String afterKey, int limit);

    /**
     * Whether the store itself reports committed changes (to every server node sharing it), in
     * which case the server must not report its own writes a second time.
     */
    default boolean announcesChanges() {
        return false;
    }

    /** Deletes tombstones last changed before {@code olderThan} (epoch ms); returns how many. */
    int purgeTombstones(long olderThan);

    /** The {@code startedAt} of a sync beginning now: every later write gets a later {@code _lastChangedAt}. */
    long syncStart();

    @Override
    void close();
}
