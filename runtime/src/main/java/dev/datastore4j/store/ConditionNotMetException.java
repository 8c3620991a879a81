package dev.datastore4j.store;

/** A conditional save or delete whose condition the stored record does not meet; nothing was written. */
public final class ConditionNotMetException extends DataStoreException {
    private static final long serialVersionUID = 1L;

    ConditionNotMetException(String message) {
        super(message);
    }
}
