package dev.datastore4j.server;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the nextTokens of paged reads, so that a client can neither read one nor make one up, as
 * AppSync's tokens are opaque. A token holds where a read stopped, and that can be the key of a
 * record the caller may not read: a page also ends once 10,000 records have been read for it,
 * whether or not the caller could read them.
 *
 * <p>Each token is encrypted with AES-GCM under a key of its own, derived (HMAC-SHA256) from the
 * database's token key and 16 random bytes the token carries; so no key is used twice, and no
 * key and nonce pair repeats however many tokens the servers of a database give. A token is
 * {@code base64url(salt || ciphertext || tag)}.
 */
final class PageTokens {
    private static final int SALT_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final byte[] NONCE = new byte[12]; // each key seals one token only
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec tokenKey;

    /** {@code tokenKey}: the database's ({@link RecordStore#tokenKey()}), so that every server on it opens every token. */
    PageTokens(byte[] tokenKey) {
        this.tokenKey = new SecretKeySpec(tokenKey, "HmacSHA256");
    }

    String seal(byte[] plain) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, salt).doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(SALT_BYTES + sealed.length).put(salt).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a page token", e); // the JDK always has AES-GCM and HMAC-SHA256
        }
    }

    /** What {@code token} seals; a {@code BadRequest} unless a server with this key sealed it, unchanged. */
    byte[] open(String token) {
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(token);
            if (sealed.length < SALT_BYTES + TAG_BITS / 8) {
                throw invalid();
            }
            byte[] salt = new byte[SALT_BYTES];
            System.arraycopy(sealed, 0, salt, 0, SALT_BYTES);
            return cipher(Cipher.DECRYPT_MODE, salt).doFinal(sealed, SALT_BYTES, sealed.length - SALT_BYTES);
        } catch (IllegalArgumentException | GeneralSecurityException e) { // not base64url; tag mismatch
            throw invalid();
        }
    }

    private Cipher cipher(int mode, byte[] salt) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(tokenKey);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(mac.doFinal(salt), "AES"), new GCMParameterSpec(TAG_BITS, NONCE));
        return cipher;
    }

    static ApiException invalid() {
        return new ApiException("BadRequest", "invalid nextToken", null);
    }
}
