package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns request headers into an {@link Identity}: {@code x-api-key} against the configured API
 * keys, or {@code Authorization} as a JWT, HS256-signed with one of the configured secrets or
 * RS256-signed by a key of the configured JWKS (signature checked, {@code exp} required and
 * checked, {@code nbf} checked, and {@code iss} and the audience when they are configured). With
 * nothing configured every caller is {@link Identity#OPEN}.
 */
final class Authenticator {
    /**
     * How far ahead of this server's clock a token's {@code nbf} may be: an identity provider
     * whose clock runs a little fast issues tokens that are "not valid yet" here for their first
     * seconds, and a client that signed in a moment ago would be refused (RFC 7519 allows a small
     * leeway for this). {@code exp} is kept to the second: a client renews its token anyway.
     */
    private static final long CLOCK_SKEW_MILLIS = 60_000;
    /** The shortest HS256 secret taken: RFC 7518 asks for a key at least as long as the hash. */
    private static final int MIN_JWT_SECRET_BYTES = 32;

    private final Secrets apiKeys;
    private final Secrets jwtSecrets;
    private final JwksKeys rsaKeys;
    private final TokenScope scope;

    /**
     * Whom tokens must be issued by and for: {@code issuer} is the {@code iss} claim they must
     * carry, null for any; {@code audiences} the app (client) ids of which one must be among their
     * {@code aud} (or, in a Cognito access token, their {@code client_id}), empty for any. Signing
     * keys are often shared far wider than one app: an identity provider's JWKS signs the tokens
     * of every app of every customer of it.
     */
    record TokenScope(String issuer, Set<String> audiences) {
        static final TokenScope ANY = new TokenScope(null, Set.of());

        TokenScope {
            audiences = Set.copyOf(audiences);
        }

        boolean isAny() {
            return issuer == null && audiences.isEmpty();
        }

        private boolean admits(JsonNode claims) {
            if (audiences.isEmpty()) {
                return true;
            }
            if (names(claims.path("client_id"))) {
                return true;
            }
            JsonNode aud = claims.path("aud");
            for (JsonNode one : aud.isArray() ? aud : List.of(aud)) {
                if (names(one)) {
                    return true;
                }
            }
            return false;
        }

        private boolean names(JsonNode clientId) {
            return clientId.isTextual() && audiences.contains(clientId.asText());
        }
    }

    Authenticator(Secrets apiKeys, Secrets jwtSecrets, JwksKeys rsaKeys, TokenScope scope) {
        this.apiKeys = apiKeys;
        this.jwtSecrets = jwtSecrets;
        this.rsaKeys = rsaKeys;
        this.scope = scope;
        if (!scope.isAny() && !takesTokens()) {
            throw new IllegalArgumentException("a JWT issuer or audience is given, but no JWT secret or JWKS to check tokens with");
        }
    }

    /** What keeps {@code secret} from signing HS256 tokens, or null: fewer than 32 bytes. */
    static String jwtSecretProblem(String secret) {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= MIN_JWT_SECRET_BYTES ? null : "the JWT secret has " + bytes + (bytes == 1 ? " byte" : " bytes")
                + "; HS256 needs at least " + MIN_JWT_SECRET_BYTES + " (256 bits, RFC 7518), such as the output of"
                + " openssl rand -base64 32";
    }

    boolean open() {
        return !takesApiKeys() && !takesTokens();
    }

    /** Whether some API key opens requests. */
    boolean takesApiKeys() {
        return !apiKeys.isEmpty();
    }

    /** Whether users' tokens (JWTs) open requests. */
    boolean takesTokens() {
        return !jwtSecrets.isEmpty() || !rsaKeys.isEmpty();
    }

    String modes() {
        if (open()) {
            return "none (every request is accepted)";
        }
        List<String> modes = new ArrayList<>();
        if (!apiKeys.isEmpty()) {
            int keys = apiKeys.size();
            modes.add(keys == 1 ? "API key" : "API keys (" + keys + ")");
        }
        if (!jwtSecrets.isEmpty()) {
            int secrets = jwtSecrets.size();
            modes.add(secrets == 1 ? "JWT (HS256)" : "JWT (HS256, " + secrets + " secrets)");
        }
        if (!rsaKeys.isEmpty()) {
            modes.add("JWT (RS256, " + rsaKeys.size() + (rsaKeys.size() == 1 ? " key)" : " keys)"));
        }
        if (scope.issuer() != null) {
            modes.add("tokens of issuer " + scope.issuer());
        }
        if (!scope.audiences().isEmpty()) {
            modes.add("tokens for " + String.join(" or ", new TreeSet<>(scope.audiences())));
        }
        return String.join(", ", modes);
    }

    /** The caller, or an {@link ApiException} of type {@code UnauthorizedException}. */
    Identity authenticate(String apiKeyHeader, String authorization) {
        if (open()) {
            return Identity.OPEN;
        }
        if (authorization != null && !authorization.isBlank() && takesTokens()) {
            return verify(authorization.replaceFirst("(?i)^Bearer\\s+", "").trim());
        }
        if (apiKeyHeader != null) {
            byte[] key = apiKeyHeader.getBytes(StandardCharsets.UTF_8);
            if (apiKeys.contains(key)) {
                return Identity.apiKey(() -> apiKeys.contains(key));
            }
        }
        throw unauthorized("You are not authorized to make this call.");
    }

    /** The user a token names, once it is checked; vouched for while what signed it is taken. */
    private Identity verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw unauthorized("the token is not a JWT");
        }
        try {
            JsonNode header = ProtocolJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            // JWS allows one spelling of a signature: unpadded base64url whose unused low bits are
            // zero. The decoder also takes padding and ignores those bits, which would let one
            // signature be written several ways.
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(signature).equals(parts[2])) {
                throw unauthorized("the token's signature is not in canonical base64url");
            }
            String algorithm = header.path("alg").asText();
            boolean valid;
            BooleanSupplier vouched;
            if (algorithm.equals("HS256") && !jwtSecrets.isEmpty()) {
                byte[] signer = null;
                for (byte[] secret : jwtSecrets.current()) { // each compared in constant time, as API keys are
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                    if (MessageDigest.isEqual(mac.doFinal(signed), signature)) {
                        signer = secret;
                    }
                }
                valid = signer != null;
                byte[] signedWith = signer;
                vouched = () -> jwtSecrets.contains(signedWith);
            } else if (algorithm.equals("RS256") && !rsaKeys.isEmpty()) {
                String kid = header.path("kid").asText("");
                PublicKey key = rsaKeys.key(kid);
                if (key == null) {
                    throw unauthorized("the token's key id is not in the JWKS");
                }
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(signed);
                valid = verifier.verify(signature);
                vouched = () -> key.equals(rsaKeys.key(kid));
            } else {
                throw unauthorized("tokens signed with " + algorithm + " are not accepted here");
            }
            if (!valid) {
                throw unauthorized("the token's signature is not valid");
            }
            JsonNode claims = ProtocolJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = System.currentTimeMillis();
            if (!claims.path("exp").isNumber()) {
                // a token without an end would be good for as long as its signing key is trusted,
                // however it was leaked; OpenID Connect requires exp in every ID token
                throw unauthorized("the token has no expiry: its exp claim must be a time in epoch seconds");
            }
            if (Identity.millis(claims.get("exp")) <= now) {
                throw unauthorized("the token has expired");
            }
            if (claims.has("nbf") && Identity.millis(claims.get("nbf")) > now + CLOCK_SKEW_MILLIS) {
                throw unauthorized("the token is not valid yet");
            }
            if (scope.issuer() != null && !scope.issuer().equals(claims.path("iss").asText(null))) {
                throw unauthorized("the token's issuer is not the one this server takes tokens from");
            }
            if (!scope.admits(claims)) {
                throw unauthorized("the token is for another app: its audience is not one this server takes");
            }
            return new Identity(Identity.Kind.USER, claims, vouched);
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
