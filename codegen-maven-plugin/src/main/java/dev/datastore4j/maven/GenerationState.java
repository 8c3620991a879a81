package dev.datastore4j.maven;

import dev.datastore4j.codegen.schema.SchemaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the last run generated from what: a fingerprint of the inputs (the generator, package,
 * output folder, each schema file's name and content) and the files it wrote. Kept in a small text
 * file under {@code target/}: the fingerprint on the first line, then one generated path per line.
 */
final class GenerationState {
    private final String fingerprint;
    private final Path output;

    private GenerationState(String fingerprint, Path output) {
        this.fingerprint = fingerprint;
        this.output = output;
    }

    /** The state of a run of {@code generator} (a {@link GeneratorIdentity}) on these inputs. */
    static GenerationState of(String generator, String packageName, Path output, List<SchemaSource> sources) {
        MessageDigest digest = sha256();
        update(digest, "datastore4j-maven-state-2");
        update(digest, generator);
        update(digest, packageName);
        update(digest, output.toAbsolutePath().toString());
        for (SchemaSource source : sources) {
            update(digest, source.name());
            update(digest, source.text());
        }
        return new GenerationState(HexFormat.of().formatHex(digest.digest()), output);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array()); // so "ab"+"c" != "a"+"bc"
        digest.update(bytes);
    }

    /** True when the last run had these inputs and every file it wrote is still there. */
    boolean isUpToDate(Path stateFile) throws IOException {
        List<String> lines = read(stateFile);
        if (lines.isEmpty() || !lines.get(0).equals(fingerprint)) {
            return false;
        }
        return lines.subList(1, lines.size()).stream().allMatch(file -> Files.isRegularFile(output.resolve(file)));
    }

    /**
     * Deletes the files the last run wrote that this run did not (a type removed, the package
     * renamed), and the folders that leaves empty. Only files this plugin wrote are touched.
     */
    int removeStaleFiles(Path stateFile, List<String> written) throws IOException {
        List<String> previous = read(stateFile);
        if (previous.isEmpty()) {
            return 0;
        }
        Set<String> current = new HashSet<>(written);
        int removed = 0;
        for (String file : previous.subList(1, previous.size())) {
            if (!current.contains(file) && Files.deleteIfExists(output.resolve(file))) {
                removed++;
                removeEmptyParents(output.resolve(file).getParent());
            }
        }
        return removed;
    }

    private void removeEmptyParents(Path folder) throws IOException {
        for (Path dir = folder; dir != null && dir.startsWith(output) && !dir.equals(output); dir = dir.getParent()) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
        }
    }

    void save(Path stateFile, List<String> written) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(fingerprint);
        lines.addAll(written);
        Files.createDirectories(stateFile.getParent());
        Files.write(stateFile, lines, StandardCharsets.UTF_8);
    }

    private static List<String> read(Path stateFile) throws IOException {
        return Files.isRegularFile(stateFile) ? Files.readAllLines(stateFile, StandardCharsets.UTF_8) : List.of();
    }
}
