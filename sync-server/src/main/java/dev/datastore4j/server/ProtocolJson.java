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

    /**
     * About how many bytes {@code node} takes as JSON text: its strings and names counted by
     * UTF-16 unit, each number and literal as 8, with the quotes and separators around them. For
     * limits on how much a request reads, not for exact sizes; costs a walk of the tree.
     */
    static long approximateSize(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().length() + 2L;
        }
        long size = 2;
        if (node.isObject()) {
            for (var field : node.properties()) {
                size += field.getKey().length() + 4L + approximateSize(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                size += 1 + approximateSize(element);
            }
        } else {
            size = 8;
        }
        return size;
    }

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
