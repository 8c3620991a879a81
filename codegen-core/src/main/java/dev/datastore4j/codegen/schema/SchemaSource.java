package dev.datastore4j.codegen.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** The text of one schema file and the name diagnostics use for it. */
public record SchemaSource(String name, String text) {
    public SchemaSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    public List<String> lines() {
        return text.lines().toList();
    }

    /**
     * Reads schema files; a folder contributes its {@code .graphql} and {@code .graphqls} files,
     * recursively, in path order so that the result does not depend on the file system. A file
     * named twice, directly or through a folder, is read once.
     */
    public static List<SchemaSource> read(List<Path> paths) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            files.addAll(Files.isDirectory(path) ? schemaFilesIn(path) : List.of(path.normalize()));
        }
        return files.stream().map(SchemaSource::readFile).toList();
    }

    /** The schema files below {@code folder}, sorted. */
    public static List<Path> schemaFilesIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".graphql") || p.toString().endsWith(".graphqls"))
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list schema folder " + folder, e);
        }
    }

    private static SchemaSource readFile(Path file) {
        try {
            return new SchemaSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema file " + file, e);
        }
    }
}
