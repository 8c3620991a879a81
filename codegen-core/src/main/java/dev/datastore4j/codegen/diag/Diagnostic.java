package dev.datastore4j.codegen.diag;

import java.util.Objects;

/**
 * One problem found in a schema. {@code code} is a stable kebab-case identifier (documented in
 * {@link Problems}); {@code hint} suggests a fix and may be null.
 */
public record Diagnostic(Severity severity, String code, Position position, String message, String hint) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
