/**
 * An app that is a module: it needs the runtime and nothing else of datastore4j, and passes it on
 * to the modules that read its models.
 */
module com.example.notes {
    requires transitive dev.datastore4j.runtime;

    exports com.example.notes.model;
}
