package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An AppSync-style error for one operation: {@code errorType} (such as {@code ConflictUnhandled}),
 * a message, and for conflicts the server's current record as {@code data}.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final transient JsonNode data;

    ApiException(String errorType, String message, JsonNode data) {
        super(message);
        this.errorType = errorType;
        this.data = data;
    }

    static ApiException conditionFailed(String detail) {
        return new ApiException("DynamoDB:ConditionalCheckFailedException", "The conditional request failed (" + detail + ")",
                null);
    }

    String errorType() {
        return errorType;
    }

    JsonNode data() {
        return data;
    }
}
