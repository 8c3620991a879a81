package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The one JSON mapper of the server, and conversions between Jackson trees and graphql-java's maps. */
final class ProtocolJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private ProtocolJson() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }
}
