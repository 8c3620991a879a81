package dev.datastore4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one JSON mapper of the server, conversions between Jackson trees and graphql-java's maps,
 * and the JSON replies every part of the server answers with.
 */
final class ProtocolJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private ProtocolJson() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    /** An answer with one error, as AppSync gives them: {@code {"errors": [{"errorType", "message"}]}}. */
    static ObjectNode error(String type, String message) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode error = out.putArray("errors").addObject();
        error.put("errorType", type);
        error.put("message", message);
        return out;
    }

    static void reply(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            text = "{\"errors\":[{\"errorType\":\"InternalFailure\",\"message\":\"response could not be written\"}]}";
        }
        Content.Sink.write(response, true, text, callback);
    }
}
