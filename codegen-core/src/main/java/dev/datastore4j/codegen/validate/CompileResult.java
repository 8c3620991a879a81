package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostic;
import dev.datastore4j.codegen.diag.DiagnosticRenderer;
import dev.datastore4j.codegen.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What checking a schema produced: every diagnostic, and the validated schema when there was no
 * error. {@link #render()} gives the diagnostics in the one format every front end prints.
 */
public record CompileResult(Schema schemaOrNull, List<Diagnostic> diagnostics, Map<String, List<String>> sourceLines) {
    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
        sourceLines = Map.copyOf(sourceLines);
    }

    public boolean succeeded() {
        return schemaOrNull != null;
    }

    public Optional<Schema> schema() {
        return Optional.ofNullable(schemaOrNull);
    }

    public String render() {
        return new DiagnosticRenderer(sourceLines).render(diagnostics);
    }

    public String summary() {
        return DiagnosticRenderer.summary(diagnostics);
    }
}
