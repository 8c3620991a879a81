package dev.datastore4j.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The API keys a server takes: those it was started with, and those of a keys file, read again
 * when the file changes ({@link WatchedFile}), so that a key is added or withdrawn without a
 * restart. The file holds one key a line; blank lines and lines beginning with {@code #} are
 * skipped, and white space at either end of a line is not part of its key (HTTP drops it from
 * header values).
 */
final class ApiKeys {
    private final List<byte[]> fixed;
    /** Null when no keys file is configured. */
    private final WatchedFile<List<byte[]>> file;

    /**
     * {@code keys} and, unless null, those of {@code file}, read now ({@link IllegalArgumentException}
     * saying why when it cannot be).
     */
    ApiKeys(List<String> keys, Path file) {
        this.fixed = bytes(keys);
        this.file = file == null ? null : new WatchedFile<>(file, "the API keys file", ApiKeys::read);
    }

    /** Whether no key opens requests: none was given and there is no keys file (which holds one at least). */
    boolean isEmpty() {
        return fixed.isEmpty() && file == null;
    }

    /** How many keys open requests now. */
    int size() {
        return fixed.size() + (file == null ? 0 : file.contents().size());
    }

    /**
     * Whether {@code given} is one of the keys, compared with each in constant time (a key's bytes
     * cannot be guessed one by one).
     */
    boolean contains(String given) {
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        boolean found = matchesAny(bytes, fixed);
        return file == null ? found : matchesAny(bytes, file.contents()) | found;
    }

    private static boolean matchesAny(byte[] given, List<byte[]> keys) {
        boolean found = false;
        for (byte[] key : keys) {
            found |= MessageDigest.isEqual(given, key);
        }
        return found;
    }

    private static List<byte[]> read(Path file) {
        List<String> keys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String key = line.strip();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    keys.add(key);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API keys file " + file + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no API keys in the API keys file " + file
                    + " (one a line; blank lines and lines beginning with # are skipped)");
        }
        return bytes(keys);
    }

    private static List<byte[]> bytes(List<String> keys) {
        return keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
