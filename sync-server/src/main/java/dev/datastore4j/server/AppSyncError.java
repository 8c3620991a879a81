package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.List;

/** A field error in AppSync's shape: {@code errorType}, {@code message}, {@code path} and, for conflicts, {@code data}. */
record AppSyncError(String errorType, String message, JsonNode data, List<Object> path) implements GraphQLError {
    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(errorType);
    }

    @Override
    public List<Object> getPath() {
        return path;
    }
}
