package dev.datastore4j.server;

import graphql.ExecutionResult;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The API a server serves, which another replaces when the schema changes while the server runs
 * ({@link SyncServer#replaceSchema}). Each request runs on one API from start to end, and none
 * runs while the database is made ready for the next: a write served by the schema before could
 * otherwise store a record the new schema's checks of stored records had already passed over.
 */
final class ServedApi {
    /** Read-held by each request, write-held while the API is replaced. */
    private final ReadWriteLock replacing = new ReentrantReadWriteLock();
    /** Guarded by {@link #replacing}. */
    private GraphQlApi api;

    ServedApi(GraphQlApi api) {
        this.api = api;
    }

    /** {@link GraphQlApi#execute(String, Map, String, Identity)} on the API served now. */
    ExecutionResult execute(String query, Map<String, Object> variables, String operationName, Identity identity) {
        replacing.readLock().lock();
        try {
            return api.execute(query, variables, operationName, identity);
        } finally {
            replacing.readLock().unlock();
        }
    }

    /** {@link GraphQlApi#subscribe} on the API served now. */
    GraphQlApi.Started subscribe(String query, Map<String, Object> variables, Identity identity) {
        replacing.readLock().lock();
        try {
            return api.subscribe(query, variables, identity);
        } finally {
            replacing.readLock().unlock();
        }
    }

    /**
     * Serves {@code next} once {@code preparation} (making the database ready for it) has run,
     * with no request running meanwhile: those running finish first, and those that come wait. If
     * it throws, the API served before is served on.
     */
    void replace(GraphQlApi next, Runnable preparation) {
        replacing.writeLock().lock();
        try {
            preparation.run();
            api = next;
        } finally {
            replacing.writeLock().unlock();
        }
    }
}
