package com.example.relations;

import dev.datastore4j.model.ModelRegistry;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * All models of the schema, parents before children, for opening a store or a sync.
 */
@Generated("dev.datastore4j.codegen")
public final class DataStoreModels {
    /**
     * Hash of everything the store and the sync protocol depend on; it changes when they change.
     */
    public static final String VERSION = "cba171073acac7180abd8ae69e85228b";

    public static final ModelRegistry REGISTRY = ModelRegistry.of(VERSION, List.of(
            Album.SCHEMA,
            Track.SCHEMA,
            Playlist.SCHEMA,
            Entry.SCHEMA,
            Engine.SCHEMA,
            Car.SCHEMA,
            Account.SCHEMA,
            Transfer.SCHEMA,
            Course.SCHEMA,
            Student.SCHEMA,
            Shelf.SCHEMA,
            Book.SCHEMA,
            Enrollment.SCHEMA,
            Desk.SCHEMA,
            Lamp.SCHEMA));

    private DataStoreModels() {
    }
}
