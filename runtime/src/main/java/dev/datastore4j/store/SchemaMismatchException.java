package dev.datastore4j.store;

import java.util.List;

/**
 * The database was written for a schema it cannot be migrated from in place. Lists every
 * difference; open with {@link DataStore.Options#resetIfIncompatible()} to start over (which is
 * refused while mutations are waiting for the server).
 */
public final class SchemaMismatchException extends DataStoreException {
    private static final long serialVersionUID = 1L;

    private final List<String> differences;

    SchemaMismatchException(List<String> differences) {
        super("the database was written for an incompatible schema:\n  - " + String.join("\n  - ", differences)
                + "\nopen it with Options.resetIfIncompatible() to start over, or keep the old schema");
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}
