package dev.datastore4j.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;

/**
 * Which generator a run used, for the up-to-date check: the plugin and every artifact it runs with
 * (codegen-core, JavaPoet, graphql-java, ...). A release is known by its coordinates; a SNAPSHOT
 * by its content as well, since a SNAPSHOT rebuilt with another generator keeps its version.
 */
final class GeneratorIdentity {
    private GeneratorIdentity() {}

    /** One line per artifact, sorted: its id, and for a SNAPSHOT the SHA-256 of its file (or folder). */
    static String of(Collection<Artifact> artifacts) throws IOException {
        Map<String, String> lines = new TreeMap<>(); // an artifact listed twice counts once
        for (Artifact artifact : artifacts) {
            String content = artifact.isSnapshot() && artifact.getFile() != null ? " " + sha256(artifact.getFile().toPath()) : "";
            lines.put(artifact.getId(), artifact.getId() + content);
        }
        return String.join("\n", lines.values());
    }

    /** Of a file's bytes, or of a folder's files (as a plugin's classes folder in a reactor): each one's path, then its bytes. */
    private static String sha256(Path path) throws IOException {
        MessageDigest digest = GenerationState.sha256();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                GenerationState.update(digest, path.relativize(file).toString());
                digest.update(Files.readAllBytes(file));
            }
        } else {
            digest.update(Files.readAllBytes(path));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
