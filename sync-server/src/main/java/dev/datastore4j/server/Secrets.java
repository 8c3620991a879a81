package dev.datastore4j.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Secrets a server takes (API keys, HS256 JWT secrets): those it was started with, and those of
 * a file, read again when the file changes ({@link WatchedFile}), so that one is added or
 * withdrawn without a restart. The file holds one a line; blank lines and lines beginning with
 * {@code #} are skipped, and white space at either end of a line is not part of its secret (HTTP
 * drops it from an API key's header, and a file's last line may end with a line break or not).
 */
final class Secrets {
    private final List<byte[]> given;
    /** Null when no file is configured. */
    private final WatchedFile<List<byte[]>> file;

    /**
     * {@code given} and, unless null, those of {@code file}, read now ({@link
     * IllegalArgumentException} saying why when it cannot be). {@code kind} names one in messages
     * ("API key"); {@code problem} says what is wrong with a secret of the file, null when nothing is.
     */
    Secrets(List<String> given, Path file, String kind, Function<String, String> problem) {
        this.given = bytes(given);
        this.file = file == null ? null : new WatchedFile<>(file, "the " + kind + "s file", path -> read(path, kind, problem));
    }

    /** Whether none opens requests: none was given and there is no file (which holds one at least). */
    boolean isEmpty() {
        return given.isEmpty() && file == null;
    }

    /** How many open requests now. */
    int size() {
        return current().size();
    }

    /** Those given and those the file holds now. */
    List<byte[]> current() {
        if (file == null) {
            return given;
        }
        List<byte[]> all = new ArrayList<>(given);
        all.addAll(file.contents());
        return all;
    }

    /**
     * Whether {@code bytes} are one of them, compared with each in constant time (a secret's bytes
     * cannot be guessed one by one). Asked on every request, and for every record a subscription
     * sends, so it reads the two lists where they are rather than join them.
     */
    boolean contains(byte[] bytes) {
        boolean found = matchesAny(bytes, given);
        return file == null ? found : matchesAny(bytes, file.contents()) | found;
    }

    private static boolean matchesAny(byte[] bytes, List<byte[]> secrets) {
        boolean found = false;
        for (byte[] secret : secrets) {
            found |= MessageDigest.isEqual(bytes, secret);
        }
        return found;
    }

    private static List<byte[]> read(Path file, String kind, Function<String, String> problem) {
        List<String> secrets = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String secret = lines.get(i).strip();
                if (secret.isEmpty() || secret.startsWith("#")) {
                    continue;
                }
                String wrong = problem.apply(secret);
                if (wrong != null) {
                    throw new IllegalArgumentException("the " + kind + "s file " + file + ", line " + (i + 1) + ": " + wrong);
                }
                secrets.add(secret);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + kind + "s file " + file + ": " + IoReasons.of(e), e);
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + "s in the " + kind + "s file " + file
                    + " (one a line; blank lines and lines beginning with # are skipped)");
        }
        return bytes(secrets);
    }

    private static List<byte[]> bytes(List<String> secrets) {
        return secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
