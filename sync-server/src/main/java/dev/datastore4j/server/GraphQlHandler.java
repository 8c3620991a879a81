package dev.datastore4j.server;

import static dev.datastore4j.server.ProtocolJson.error;
import static dev.datastore4j.server.ProtocolJson.reply;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /graphql}: a JSON body {@code {query, variables, operationName}} in, a GraphQL
 * response out. Bad input (too large, not JSON, no query) is answered with a GraphQL error; a
 * stack trace never reaches the client. The body must be sent as {@code application/json}: a
 * type that a web page may send to any server unasked (text, a form) is refused, so that a page
 * of another site cannot make a browser send mutations here. It may come gzipped.
 */
final class GraphQlHandler extends Handler.Abstract {
    private static final ObjectMapper JSON = ProtocolJson.JSON;
    private static final TypeReference<Map<String, Object>> REQUEST = new TypeReference<>() {};

    private final ServedApi api;
    private final Authenticator authenticator;
    private final int maxBodyBytes;
    private final Metrics metrics;

    GraphQlHandler(ServedApi api, Authenticator authenticator, int maxBodyBytes, Metrics metrics) {
        this.api = api;
        this.authenticator = authenticator;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback answered) throws Exception {
        if (!"/graphql".equals(Request.getPathInContext(request))) {
            return false;
        }
        Callback callback = metrics.counting(response, answered);
        // A reply sent before the whole body has been read ends the connection (Jetty cannot tell
        // where the next request starts), so those replies say so; every other reply reads the body
        // first, a refused caller's included, so that the client may send its next request on the
        // same connection (without that, a 401 sent before the body arrived made it fail).
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, error("BadRequest", "use POST with a JSON body"));
            return true;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            reply(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    error("BadRequest", "request body is larger than " + maxBodyBytes + " bytes"));
            return true;
        }
        // before any work on the body: a caller without credentials gets no unzipping done
        Identity identity;
        try {
            identity = authenticator.authenticate(request.getHeaders().get("x-api-key"),
                    request.getHeaders().get(HttpHeader.AUTHORIZATION));
        } catch (ApiException e) {
            reply(response, callback, HttpStatus.UNAUTHORIZED_401, error(e.errorType(), e.getMessage()));
            return true;
        }
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if ("gzip".equalsIgnoreCase(encoding)) {
            // the limit counts unzipped bytes too: a small body can unzip to gigabytes
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readNBytes(maxBodyBytes + 1);
            } catch (IOException e) {
                reply(response, callback, HttpStatus.BAD_REQUEST_400, error("MalformedHttpRequestException",
                        "the body is not gzip, or is cut short: " + e.getMessage()));
                return true;
            }
            if (body.length > maxBodyBytes) {
                reply(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                        error("BadRequest", "request body unzips to more than " + maxBodyBytes + " bytes"));
                return true;
            }
        } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            reply(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, error("MalformedHttpRequestException",
                    "send the body as it is or gzipped, not in Content-Encoding: " + encoding));
            return true;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(type)) { // a browser sends text/plain, a form or nothing to any origin without asking first
            reply(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, error("MalformedHttpRequestException",
                    "send the body as JSON, with Content-Type: application/json (this request's: "
                            + (type == null ? "none" : type) + ")"));
            return true;
        }
        Map<String, Object> json;
        try {
            json = JSON.readValue(body, REQUEST);
        } catch (MismatchedInputException e) { // JSON, but not an object
            reply(response, callback, HttpStatus.BAD_REQUEST_400, error("BadRequest",
                    "the body must be one JSON object, {\"query\": ..., \"variables\": {...}}, not " + kind(body)));
            return true;
        } catch (JsonProcessingException e) {
            reply(response, callback, HttpStatus.BAD_REQUEST_400, error("MalformedHttpRequestException",
                    "the body is not JSON the server reads: " + e.getOriginalMessage() + where(e.getLocation())));
            return true;
        } catch (IOException e) {
            reply(response, callback, HttpStatus.BAD_REQUEST_400, error("MalformedHttpRequestException", "the body is not JSON"));
            return true;
        }
        if (json == null || !(json.get("query") instanceof String query)) {
            reply(response, callback, HttpStatus.BAD_REQUEST_400, error("BadRequest", "the body needs a \"query\" string"));
            return true;
        }
        if (json.get("variables") != null && !(json.get("variables") instanceof Map)) {
            reply(response, callback, HttpStatus.BAD_REQUEST_400, error("BadRequest", "\"variables\" must be an object"));
            return true;
        }
        if (json.get("operationName") != null && !(json.get("operationName") instanceof String)) {
            reply(response, callback, HttpStatus.BAD_REQUEST_400, error("BadRequest", "\"operationName\" must be a string"));
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = json.get("variables") == null ? Map.of() : (Map<String, Object>) json.get("variables");
        String operationName = (String) json.get("operationName");
        ExecutionResult result = api.execute(query, variables, operationName, identity);
        reply(response, callback, HttpStatus.OK_200, toJson(result));
        return true;
    }

    /** " (line 1, column 9)", or nothing when the parser did not say where. */
    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** What JSON value other than an object {@code body} holds, by its first character. */
    private static String kind(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return switch (text.isEmpty() ? ' ' : text.charAt(0)) {
            case '[' -> "an array (batched requests are not served: send each on its own)";
            case '"' -> "a string";
            case 't', 'f' -> "true or false";
            default -> "a number";
        };
    }

    /** Whether a Content-Type is JSON's, whatever its parameters ({@code charset=utf-8}, say). */
    private static boolean isJson(String contentType) {
        return contentType != null && "application/json".equalsIgnoreCase(HttpField.getValueParameters(contentType, null));
    }

    /** graphql-java's response, with AppSync's error fields ({@code errorType}, {@code data}) at the top level of each error. */
    static ObjectNode toJson(ExecutionResult result) {
        ObjectNode out = JSON.createObjectNode();
        out.putPOJO("data", result.getData()); // written as it is, without building a tree first
        if (!result.getErrors().isEmpty()) {
            ArrayNode errors = out.putArray("errors");
            for (GraphQLError error : result.getErrors()) {
                ObjectNode json = errors.addObject();
                if (error.getPath() != null) {
                    json.set("path", JSON.valueToTree(error.getPath()));
                }
                if (error instanceof AppSyncError appSync) {
                    json.set("data", appSync.data());
                    json.put("errorType", appSync.errorType());
                    json.putNull("errorInfo");
                } else {
                    json.putNull("data");
                    json.put("errorType", String.valueOf(error.getErrorType()));
                }
                json.set("locations", JSON.valueToTree(error.getLocations()));
                json.put("message", error.getMessage());
            }
        }
        return out;
    }
}
