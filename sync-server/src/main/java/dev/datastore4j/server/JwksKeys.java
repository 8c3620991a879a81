package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * the new one: when a token names a key id the keys do not hold, the file is read again if it
 * changed since, at most once every {@value #RECHECK_MILLIS} ms (tokens naming made-up key ids
 * must not make the server read it for each), so that no restart is needed. A file that cannot
 * be read then leaves the keys as they were.
 */
final class JwksKeys {
    static final long RECHECK_MILLIS = 1_000;
    private static final System.Logger LOG = System.getLogger(JwksKeys.class.getName());

    /** Null when no JWKS file is configured. */
    private final Path file;
    private volatile Map<String, PublicKey> keys;
    /** The file's modification time when last read (guarded by this). */
    private FileTime read;
    /** When the file was last looked at for a change, in nanoseconds (guarded by this). */
    private long lookedAt;

    private JwksKeys(Path file, Map<String, PublicKey> keys, FileTime read) {
        this.file = file;
        this.keys = keys;
        this.read = read;
        this.lookedAt = System.nanoTime();
    }

    static JwksKeys none() {
        return new JwksKeys(null, Map.of(), null);
    }

    /** The keys of {@code file}, read now; {@link IllegalArgumentException} saying why when it cannot be. */
    static JwksKeys of(Path file) {
        FileTime modified = modified(file);
        return new JwksKeys(file, read(file), modified);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int size() {
        return keys.size();
    }

    /**
     * The key a token names by {@code kid}, or the only key when there is one and the token names
     * none that is known (a file or tokens without key ids); null when there is none.
     */
    PublicKey key(String kid) {
        Map<String, PublicKey> current = keys;
        if (!current.containsKey(kid) && file != null && readAgainIfChanged()) {
            current = keys;
        }
        PublicKey key = current.get(kid);
        return key == null && current.size() == 1 ? current.values().iterator().next() : key;
    }

    private synchronized boolean readAgainIfChanged() {
        long now = System.nanoTime();
        if (now - lookedAt < RECHECK_MILLIS * 1_000_000) {
            return false;
        }
        lookedAt = now;
        try {
            FileTime modified = modified(file);
            if (modified.equals(read)) {
                return false;
            }
            read = modified; // read once per change, whether it can be used or not
            keys = read(file);
            LOG.log(System.Logger.Level.INFO, "read the JWKS file " + file + " again: " + keys.size()
                    + (keys.size() == 1 ? " key" : " keys"));
            return true;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; the keys read before stay in use");
            return false;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the JWKS file " + file + ": " + e.getMessage(), e);
        }
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
            throw new IllegalArgumentException("cannot read the JWKS file " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid JWKS file " + file + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no RSA keys in the JWKS file " + file);
        }
        return Map.copyOf(keys);
    }
}
