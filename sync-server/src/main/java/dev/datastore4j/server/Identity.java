package dev.datastore4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

/**
 * Who is calling: an API key holder, a user with verified JWT claims, or anyone (when the server
 * runs without auth). {@code vouched} says whether what vouched for the caller (the API key, or
 * the secret or key that signed the token) is still taken: a subscription asks before each
 * record it sends, so that credentials withdrawn from the server's files stop it.
 * {@code groupsByClaim} keeps the groups each claim names once read ({@link #groups}).
 */
record Identity(Kind kind, JsonNode claims, BooleanSupplier vouched, Map<String, List<String>> groupsByClaim) {
    enum Kind {
        OPEN,
        API_KEY,
        USER
    }

    /**
     * A caller of {@code kind} with {@code claims} (a user's, verified) while {@code vouched}, whose
     * groups are read once a claim (rules ask for them for every record of a page).
     */
    Identity(Kind kind, JsonNode claims, BooleanSupplier vouched) {
        this(kind, claims, vouched, new ConcurrentHashMap<>());
    }

    static final Identity OPEN = new Identity(Kind.OPEN, null, () -> true);

    /** A caller with an API key, for as long as {@code vouched} says it is taken. */
    static Identity apiKey(BooleanSupplier vouched) {
        return new Identity(Kind.API_KEY, null, vouched);
    }

    /** Whether what vouched for the caller is still taken. */
    boolean stillVouchedFor() {
        return vouched.getAsBoolean();
    }

    /** When the caller's token expires ({@code exp}), in epoch milliseconds; {@link Long#MAX_VALUE} without a token. */
    long expiresAtMillis() {
        return claims != null && claims.has("exp") ? millis(claims.get("exp")) : Long.MAX_VALUE;
    }

    /**
     * A NumericDate claim (epoch seconds) in epoch milliseconds, held to the range of a long: a
     * token whose {@code nbf} lies a few hundred million years ahead must not wrap round to a
     * moment long past.
     */
    static long millis(JsonNode numericDate) {
        long seconds = numericDate.asLong();
        try {
            return Math.multiplyExact(seconds, 1000);
        } catch (ArithmeticException e) {
            return seconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /**
     * The value of an identity claim such as {@code sub::username} (Amplify stores
     * {@code <sub>::<username>} for that one) or {@code email}.
     */
    String claim(String identityClaim) {
        if (claims == null) {
            return null;
        }
        if (identityClaim.equals("sub::username")) {
            String sub = claims.path("sub").asText(null);
            String username = claims.has("cognito:username") ? claims.get("cognito:username").asText()
                    : claims.path("username").asText(null);
            return sub == null || username == null ? null : sub + "::" + username;
        }
        return claims.path(identityClaim).asText(null);
    }

    /** The names an owner field may hold for this user: {@code sub::username}, and the plain username and sub. */
    List<String> ownerNames(String identityClaim) {
        String primary = claim(identityClaim);
        if (primary == null) {
            return List.of();
        }
        if (!identityClaim.equals("sub::username")) {
            return List.of(primary);
        }
        String[] parts = primary.split("::", 2);
        return List.of(primary, parts[1], parts[0]);
    }

    /**
     * The groups a user's {@code groupClaim} names: a list, or a string holding a JSON list (as
     * some identity providers send it, and AppSync reads it), or else the names a string holds
     * separated by commas.
     */
    List<String> groups(String groupClaim) {
        return groupsByClaim.computeIfAbsent(groupClaim, this::readGroups);
    }

    private List<String> readGroups(String groupClaim) {
        if (claims == null || !claims.has(groupClaim)) {
            return List.of();
        }
        JsonNode value = claims.get(groupClaim);
        if (value.isTextual() && value.asText().startsWith("[")) {
            try {
                JsonNode list = ProtocolJson.JSON.readTree(value.asText());
                value = list.isArray() ? list : value;
            } catch (JsonProcessingException e) {
                // not JSON: a group whose name starts with a bracket
            }
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList();
        }
        return List.of(value.asText().split(","));
    }
}
