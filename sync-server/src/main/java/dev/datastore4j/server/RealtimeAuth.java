package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;

/**
 * The auth header of a real-time connection, sent either as a {@code header-<base64url JSON>}
 * subprotocol (Amplify JS) or as {@code ?header=<base64 JSON>&payload=e30=} (older clients).
 */
final class RealtimeAuth {
    private RealtimeAuth() {}

    /**
     * The connection's auth header object ({@code x-api-key} or {@code Authorization}); null on a
     * server that takes every request. An {@link ApiException} when there is none or it cannot be
     * read; whether it names a caller the server takes is {@link RealtimeSession#authenticate}'s to say.
     */
    static JsonNode connectionHeader(Authenticator authenticator, ServerUpgradeRequest request) {
        if (authenticator.open()) {
            return null;
        }
        String encoded = null;
        for (String protocol : request.getSubProtocols()) {
            if (protocol.startsWith("header-")) {
                encoded = protocol.substring("header-".length());
            }
        }
        if (encoded == null) {
            Fields query = Request.extractQueryParameters(request);
            encoded = query.getValue("header");
        }
        if (encoded == null) {
            throw new ApiException("UnauthorizedException", "the connection carries no auth header", null);
        }
        JsonNode header;
        try {
            header = ProtocolJson.JSON.readTree(decode(encoded));
        } catch (Exception e) {
            throw new ApiException("UnauthorizedException", "the auth header is not base64-encoded JSON", null);
        }
        if (header == null || !header.isObject()) {
            throw new ApiException("UnauthorizedException", "the auth header is not a JSON object", null);
        }
        return header;
    }

    private static byte[] decode(String encoded) {
        String standard = encoded.replace('-', '+').replace('_', '/');
        while (standard.length() % 4 != 0) {
            standard += "=";
        }
        return Base64.getDecoder().decode(standard.getBytes(StandardCharsets.US_ASCII));
    }
}
