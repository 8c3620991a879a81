package dev.datastore4j.store;

import java.util.List;

/** What {@code observeQuery} emits: the current results, and whether the models have been synced with the server. */
public record QuerySnapshot<M>(List<M> items, boolean isSynced) {
    public QuerySnapshot {
        items = List.copyOf(items);
    }
}
