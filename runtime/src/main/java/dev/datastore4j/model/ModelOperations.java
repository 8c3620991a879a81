package dev.datastore4j.model;

/**
 * The names of a model's GraphQL operations, as the API schema declares them. A name is null when
 * the schema turned that operation off ({@code @model(queries: null)} and the like).
 */
public record ModelOperations(
        String get,
        String list,
        String sync,
        String create,
        String update,
        String delete,
        String onCreate,
        String onUpdate,
        String onDelete) {}
