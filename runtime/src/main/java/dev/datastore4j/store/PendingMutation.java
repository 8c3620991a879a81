package dev.datastore4j.store;

/**
 * One entry of the outbox: a local create, update or delete of one record, with the record as
 * JSON (field names as in the schema) and, for a conditional write, the condition as an AppSync
 * condition input.
 */
public record PendingMutation(
        long sequence, String model, String recordId, Type type, String data, String condition, boolean inFlight) {

    public enum Type {
        CREATE,
        UPDATE,
        DELETE
    }
}
