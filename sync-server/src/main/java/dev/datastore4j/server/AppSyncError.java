package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.List;

/**
 * An error in AppSync's shape: {@code errorType}, {@code message}, and for a field's error its
 * {@code path}, the {@code locations} of the field in the document and, for conflicts, {@code data}.
 */
record AppSyncError(String errorType, String message, JsonNode data, List<Object> path, List<SourceLocation> locations)
        implements GraphQLError {
    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
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
