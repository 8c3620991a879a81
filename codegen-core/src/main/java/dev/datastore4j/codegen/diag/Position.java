package dev.datastore4j.codegen.diag;

import java.util.Objects;

/**
 * Where a diagnostic points: a source name as the user gave it, a 1-based line and column, and how
 * many characters to underline.
 */
public record Position(String source, int line, int column, int length) {
    public Position {
        Objects.requireNonNull(source, "source");
        length = Math.max(1, length);
    }

    public Position withLength(int newLength) {
        return new Position(source, line, column, newLength);
    }
}
