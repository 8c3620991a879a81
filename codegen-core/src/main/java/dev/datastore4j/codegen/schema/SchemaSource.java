package dev.datastore4j.codegen.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
     * recursively, in path order so that the result does not depend on the file system.
     */
    public static List<SchemaSource> read(List<Path> paths) {
        List<SchemaSource> sources = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : schemaFilesIn(path)) {
                    sources.add(readFile(file));
                }
            } else {
                sources.add(readFile(path));
            }
        }
        return sources;
    }

    /** The schema files below {@code folder}, sorted. */
    public static List<Path> schemaFilesIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".graphql") || p.toString().endsWith(".graphqls"))
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
