package dev.datastore4j.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashTest}: opens a blog database with the shop schema, setting it
 * aside, printing a line before the opening and one after it, unless the parent kills it first.
 */
public final class SetAsideWorker {
    private SetAsideWorker() {}

    public static void main(String[] args) {
        // a first opening of an empty database loads the classes, so that the kills fall in the work
        Path warmUp = Path.of(args[0]).resolveSibling("warm-up.db");
        DataStore.open(com.example.shop.DataStoreModels.REGISTRY, warmUp, DataStore.Options.setAsideIfIncompatible()).close();
        System.out.println("opening");
        System.out.flush();
        long start = System.nanoTime();
        try (DataStore store = DataStore.open(com.example.shop.DataStoreModels.REGISTRY, Path.of(args[0]),
                DataStore.Options.setAsideIfIncompatible())) {
            System.out.println("opened in " + (System.nanoTime() - start) / 1_000_000 + " ms, set aside as "
                    + store.setAside().orElseThrow());
        }
    }
}
