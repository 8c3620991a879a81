package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RSA public keys of a JWKS file, by {@code kid}. An identity provider rotates its signing
 * keys, and whatever keeps the file current (a job fetching the provider's JWKS, say) then writes
 * the new set: the file is read again when it changes ({@link WatchedFile}), so that tokens signed
 * with a new key are taken, and those signed with a withdrawn one refused, without a restart.
 */
final class JwksKeys {
    private static final JwksKeys NONE = new JwksKeys(null);

    /** Null when no JWKS file is configured. */
    private final WatchedFile<Map<String, PublicKey>> file;

    private JwksKeys(WatchedFile<Map<String, PublicKey>> file) {
        this.file = file;
    }

    static JwksKeys none() {
        return NONE;
    }

    /** The keys of {@code file}, read now; {@link IllegalArgumentException} saying why when it cannot be. */
    static JwksKeys of(Path file) {
        return new JwksKeys(new WatchedFile<>(file, "the JWKS file", JwksKeys::read));
    }

    private Map<String, PublicKey> keys() {
        return file == null ? Map.of() : file.contents();
    }

    boolean isEmpty() {
        return keys().isEmpty();
    }

    int size() {
        return keys().size();
    }

    /**
     * The key a token names by {@code kid}, or the only key when there is one and the token names
     * none that is known (a file or tokens without key ids); null when there is none.
     */
    PublicKey key(String kid) {
        Map<String, PublicKey> current = keys();
        PublicKey key = current.get(kid);
        return key == null && current.size() == 1 ? current.values().iterator().next() : key;
    }

    private static Map<String, PublicKey> read(Path file) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            JsonNode jwks = ProtocolJson.JSON.readTree(Files.readString(file));
            for (JsonNode key : jwks.path("keys")) {
                if (!"RSA".equals(key.path("kty").asText())) {
                    continue;
                }
                BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText()));
                BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText()));
                keys.put(key.path("kid").asText(""),
                        KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the JWKS file " + file + ": " + IoReasons.of(e), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid JWKS file " + file + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no RSA keys in the JWKS file " + file);
        }
        return Map.copyOf(keys);
    }
}
