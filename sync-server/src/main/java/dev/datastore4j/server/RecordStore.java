package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.codegen.schema.Names;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the server keeps records. Writes run one transaction at a time through {@link #write};
 * every write gets a {@code _lastChangedAt} from a clock that never runs backwards, and
 * {@link #syncStart()} returns a time that no later write can reuse, so a sync that starts at
 * {@code t} and a delta sync from {@code t} together see every change. Each committed write is
 * announced to a {@link ChangeSink}, in commit order.
 */
interface RecordStore extends AutoCloseable {
    /** The writes of one transaction. */
    interface Writer {
        Optional<StoredRecord> get(String model, String key);

        /**
         * Stores {@code record}, which subscribers hear of as a change of {@code kind} once the
         * transaction commits; its {@code lastChangedAt} is replaced by the next clock tick, and the
         * record so stamped is returned.
         */
        StoredRecord put(StoredRecord record, Changes.Kind kind);
    }

    /**
     * Hears of every committed write, one at a time, in commit order (of every server node
     * sharing the store): each version of a record, with the kind of change its write made.
     */
    interface ChangeSink {
        /** The sink of a store nobody subscribes to (a tool's, a test's). */
        ChangeSink NONE = (model, kind, record) -> { };

        void changed(String model, Changes.Kind kind, StoredRecord record);

        /**
         * Changes may have been missed: the connection that listens for them was lost (and is
         * being opened again). Subscribers cannot know what they missed, so their subscriptions
         * should end and their clients sync again. Nothing by default.
         */
        default void lost(String why) {
        }
    }

    interface Work<T> {
        T run(Writer writer);
    }

    <T> T write(Work<T> work);

    /**
     * Makes room for the records of {@code models}, before any read or write of them: reading or
     * writing a model not passed here fails. Passing a model again is harmless.
     */
    void addModels(Collection<String> models);

    Optional<StoredRecord> get(String model, String key);

    /**
     * Records read for a page: up to the limit asked for, and fewer once they come to the bytes
     * asked for (their JSON text, at least one record), read from the database no further than
     * that, so that large records are never all in memory at once. {@code more}: whether the
     * store may hold more records after the last (false only when the records ended).
     */
    record Batch(List<StoredRecord> records, boolean more) {}

    /** Records of {@code model} with keys after {@code afterKey} (null: from the start), in key order. */
    default List<StoredRecord> scan(String model, String afterKey, int limit) {
        return scan(model, afterKey, limit, Long.MAX_VALUE).records();
    }

    /** {@link #scan(String, String, int)}, stopping once the records come to {@code maxBytes} ({@link Batch}). */
    Batch scan(String model, String afterKey, int limit, long maxBytes);

    /** How the values of a key field compare: text by code point, numbers by value, false before true. */
    enum ValueType {
        TEXT,
        NUMBER,
        BOOLEAN
    }

    /** A field of a {@link SortedKey}; its name is a GraphQL name, so safe inside SQL. */
    record KeyField(String name, ValueType type) {
        public KeyField {
            if (!Names.isGraphQlName(name)) {
                throw new IllegalArgumentException("not a GraphQL name: " + name);
            }
        }
    }

    /**
     * A primary key, an index or a foreign key, as reads by key use it: the records that hold given
     * values in its leading fields, in the order of its other fields (records without a value
     * first), then of their record keys.
     */
    record SortedKey(List<KeyField> fields) {
        public SortedKey {
            fields = List.copyOf(fields);
        }
    }

    /** Where a sorted read stopped: the last record's values of the sort fields, and its key. */
    record Position(List<JsonNode> values, String key) {
        public Position {
            values = List.copyOf(values);
        }
    }

    /**
     * What a read by key reads: the records whose leading fields of {@code key} hold the {@code
     * equal} values and whose next field, if any, lies between {@code from} and {@code to}
     * (inclusive; null: no bound), in the order of the fields after the leading ones and then of
     * record keys, ascending or {@code descending}.
     */
    record SortedScan(SortedKey key, List<JsonNode> equal, JsonNode from, JsonNode to, boolean descending) {
        public SortedScan {
            equal = List.copyOf(equal);
            if (equal.size() > key.fields().size() || equal.size() == key.fields().size() && (from != null || to != null)) {
                throw new IllegalArgumentException("a range needs a field after the " + equal.size() + " fixed");
            }
        }
    }

    /**
     * The records of {@code model} (tombstones included) that {@code scan} selects, in its order,
     * starting after {@code after} (null: from the start). An index lookup for keys passed to
     * {@link #indexSorted} first, whose cost does not grow with how far into the order a page
     * starts. Up to {@code limit} of them, fewer once they come to {@code maxBytes} ({@link Batch}).
     */
    Batch scanSorted(String model, SortedScan scan, Position after, int limit, long maxBytes);

    /** Makes {@link #scanSorted} on each of the keys of each model an index lookup, with the indexes made in one transaction. */
    void indexSorted(Map<String, ? extends Collection<SortedKey>> keys);

    /** Makes {@link #scanSorted} on {@code key} of {@code model} an index lookup. */
    default void indexSorted(String model, SortedKey key) {
        indexSorted(Map.of(model, List.of(key)));
    }

    /**
     * Models whose records the database holds but that were not passed to {@link #addModels} (the
     * schema dropped or renamed them), with how many records each holds that are not deleted (at
     * most {@link #UNSERVED_COUNTED}); those with none are left out. A name is as the database
     * keeps it (PostgreSQL: in lower case).
     */
    Map<String, Long> unservedModels();

    /** The most records {@link #unservedModels} counts of a model, so that a start does not read the whole of a large table. */
    int UNSERVED_COUNTED = 100_000;

    /** Indexes that no key uses, and whether they were dropped. */
    record UnusedIndexes(List<String> names, boolean dropped) {
        public UnusedIndexes {
            names = List.copyOf(names);
        }
    }

    /**
     * The indexes of records that no key passed to {@link #indexSorted} since the store opened
     * uses: those of keys the schema no longer has, and those of earlier versions of the server.
     * Each costs every write. A store that one process owns drops them; one shared by server
     * nodes leaves them, since a node still running an older schema may read through them.
     */
    UnusedIndexes retireUnusedIndexes();

    /**
     * Serves no more of the models and keys passed to {@link #addModels} and {@link #indexSorted}
     * than {@code models} and {@code keys}: those of a schema that replaced the one served while
     * the store stays open. The others' records are kept, and counted by {@link #unservedModels};
     * their indexes become unused ones, for {@link #retireUnusedIndexes}.
     */
    void retainServed(Collection<String> models, Map<String, ? extends Collection<SortedKey>> keys);

    /**
     * Records of {@code model} changed after {@code since}, in (lastChangedAt, key) order,
     * starting after the position ({@code afterTime}, {@code afterKey}). Up to {@code limit} of
     * them, fewer once they come to {@code maxBytes} ({@link Batch}).
     */
    Batch changes(String model, long since, long afterTime, String afterKey, int limit, long maxBytes);

    /**
     * The key page tokens are sealed with ({@link PageTokens}): 32 random bytes made the first
     * time a server uses the database, so that a restarted server, and every server sharing the
     * database, opens the tokens any of them gave.
     */
    byte[] tokenKey();

    /**
     * For each model a server has checked, the required fields that every stored record was found
     * to hold then (see {@link #fieldsChecked}).
     */
    Map<String, Set<String>> checkedFields();

    /** Remembers, in one transaction, that every stored record of each model holds its fields, in place of what was remembered. */
    void fieldsChecked(Map<String, Set<String>> fieldsByModel);

    /** Deletes tombstones last changed before {@code olderThan} (epoch ms); returns how many. */
    int purgeTombstones(long olderThan);

    /** The {@code startedAt} of a sync beginning now: every later write gets a later {@code _lastChangedAt}. */
    long syncStart();

    /** Runs a trivial query on a read connection; throws, saying why, when the database does not answer. */
    void ping();

    /** How busy the database is now: writes waiting for the writer, reads holding a connection and reads waiting for one. */
    record Load(int writesWaiting, int readsRunning, int readsWaiting) {}

    Load load();

    @Override
    void close();
}
