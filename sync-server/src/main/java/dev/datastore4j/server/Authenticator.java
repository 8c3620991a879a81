package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns request headers into an {@link Identity}: {@code x-api-key} against the configured key,
 * or {@code Authorization} as an HS256 JWT signed with the configured secret (signature and
 * {@code exp} checked). With neither configured every caller is {@link Identity#OPEN}.
 */
final class Authenticator {
    private final String apiKey;
    private final byte[] jwtSecret;

    Authenticator(String apiKey, String jwtSecret) {
        this.apiKey = apiKey;
        this.jwtSecret = jwtSecret == null ? null : jwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    boolean open() {
        return apiKey == null && jwtSecret == null;
    }

    String modes() {
        if (open()) {
            return "none (every request is accepted)";
        }
        return (apiKey != null ? "API key" : "") + (apiKey != null && jwtSecret != null ? ", " : "")
                + (jwtSecret != null ? "JWT (HS256)" : "");
    }

    /** The caller, or an {@link ApiException} of type {@code UnauthorizedException}. */
    Identity authenticate(String apiKeyHeader, String authorization) {
        if (open()) {
            return Identity.OPEN;
        }
        if (authorization != null && !authorization.isBlank() && jwtSecret != null) {
            return new Identity(Identity.Kind.USER, verify(authorization.replaceFirst("(?i)^Bearer\\s+", "").trim()));
        }
        if (apiKeyHeader != null && apiKey != null
                && MessageDigest.isEqual(apiKeyHeader.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
            return Identity.API_KEY;
        }
        throw unauthorized("You are not authorized to make this call.");
    }

    private JsonNode verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw unauthorized("the token is not a JWT");
        }
        try {
            JsonNode header = ProtocolJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                throw unauthorized("the token is not signed with HS256");
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(jwtSecret, "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                throw unauthorized("the token's signature is not valid");
            }
            JsonNode claims = ProtocolJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims.has("exp") && claims.get("exp").asLong() * 1000 < System.currentTimeMillis()) {
                throw unauthorized("the token has expired");
            }
            return claims;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw unauthorized("the token cannot be read");
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException("UnauthorizedException", message, null);
    }
}
