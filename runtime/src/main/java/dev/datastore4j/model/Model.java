package dev.datastore4j.model;

/**
 * Marker for generated model types. Everything the runtime needs to know about a model lives in
 * its {@link ModelSchema}, so models carry no methods that could clash with schema field names.
 */
public interface Model {}
