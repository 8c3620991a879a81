package dev.datastore4j.codegen.schema;

/** Operation names of a model; a null name is an operation the schema turned off. */
public record Operations(
        String get,
        String list,
        String sync,
        String create,
        String update,
        String delete,
        String onCreate,
        String onUpdate,
        String onDelete) {}
