package dev.datastore4j.codegen.diag;

import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics the one way every front end shows them:
 *
 * <pre>
 * schema/blog.graphql:12:11: error[unknown-directive]: unknown directive @modle
 *    12 | type Post @modle {
 *       |           ^^^^^^
 *   hint: did you mean @model?
 * </pre>
 */
public final class DiagnosticRenderer {
    private final Map<String, List<String>> sourceLines;

    /** {@code sourceLines} maps each source name to its lines, for the excerpt under each message. */
    public DiagnosticRenderer(Map<String, List<String>> sourceLines) {
        this.sourceLines = Map.copyOf(sourceLines);
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            render(diagnostic, out);
        }
        return out.toString();
    }

    /** The one-line summary that closes a failed run: "2 errors, 1 warning". */
    public static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        String text = errors + (errors == 1 ? " error" : " errors");
        return warnings == 0 ? text : text + ", " + warnings + (warnings == 1 ? " warning" : " warnings");
    }

    private void render(Diagnostic diagnostic, StringBuilder out) {
        Position position = diagnostic.position();
        out.append(position.source()).append(':').append(position.line()).append(':').append(position.column())
                .append(": ").append(diagnostic.severity().label())
                .append('[').append(diagnostic.code()).append("]: ")
                .append(diagnostic.message()).append('\n');
        List<String> lines = sourceLines.getOrDefault(position.source(), List.of());
        if (position.line() >= 1 && position.line() <= lines.size()) {
            String line = lines.get(position.line() - 1).replace('\t', ' ');
            String number = String.valueOf(position.line());
            String gutter = " ".repeat(Math.max(0, 5 - number.length()));
            out.append(gutter).append(number).append(" | ").append(line).append('\n');
            int column = Math.min(Math.max(position.column(), 1), line.length() + 1);
            int length = Math.max(1, Math.min(position.length(), line.length() - column + 1));
            out.append("      | ").append(" ".repeat(column - 1)).append("^".repeat(length)).append('\n');
        }
        if (diagnostic.hint() != null) {
            out.append("  hint: ").append(diagnostic.hint()).append('\n');
        }
    }
}
