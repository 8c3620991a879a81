package dev.datastore4j.store;

import java.util.List;

/**
 * The database was written for a schema it cannot be migrated from in place. Lists every
 * difference; open with {@link DataStore.Options#resetIfIncompatible()} to start over (refused
 * while mutations are waiting for the server), or {@link DataStore.Options#setAsideIfIncompatible()}
 * to start over keeping a copy of the database, pending mutations and all.
 */
public final class SchemaMismatchException extends DataStoreException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // List.copyOf gives a serializable list
    private final List<String> differences;

    /** Opening was refused: nothing was asked for when the database cannot be migrated. */
    SchemaMismatchException(List<String> differences) {
        this(differences, "open it with Options.resetIfIncompatible() to start over with empty tables,"
                + " Options.setAsideIfIncompatible() to start over keeping a copy of it, or keep the old schema");
    }

    /** A reset was refused: it would drop the {@code pending} mutations waiting for the server. */
    SchemaMismatchException(List<String> differences, int pending) {
        this(differences, "a reset would drop the " + pending + (pending == 1 ? " mutation" : " mutations")
                + " waiting for the server: open it with Options.setAsideIfIncompatible() to start over keeping them"
                + " in a copy of the database, or with the old schema until they are sent");
    }

    private SchemaMismatchException(List<String> differences, String advice) {
        super("the database was written for an incompatible schema:\n  - " + String.join("\n  - ", differences)
                + "\n" + advice);
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}
