package dev.datastore4j.codegen;

import java.util.Objects;

/** One output file: a path relative to the output root, with '/' separators, and its text. */
public record GeneratedFile(String path, String content) {
    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }
}
