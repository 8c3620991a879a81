package dev.datastore4j.server;

/** What the server does with a mutation whose {@code _version} is not the stored one. */
public enum ConflictStrategy {
    /** Reject it with {@code ConflictUnhandled} and the server's record. */
    OPTIMISTIC_CONCURRENCY,
    /** Merge it into the server's record by AppSync's rules and write the result. */
    AUTOMERGE,
    /** Ask the {@link ConflictResolver} found on the class path. */
    CUSTOM
}
