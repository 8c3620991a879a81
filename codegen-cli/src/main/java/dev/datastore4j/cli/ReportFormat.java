package dev.datastore4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.diag.Diagnostic;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.validate.CompileResult;
import java.util.Locale;

/** How a schema's problems are reported: for people, or for a CI system or an editor. */
enum ReportFormat {
    /** Each problem with its source line and a caret under it, for stderr. */
    TEXT {
        @Override
        String render(CompileResult result) {
            return result.render();
        }
    },
    /**
     * One JSON document: {@code valid}, {@code errors}, {@code warnings} and {@code diagnostics},
     * each with {@code file}, {@code line}, {@code column} (both from 1), {@code length},
     * {@code severity}, {@code code}, {@code message} and {@code hint} (or null).
     */
    JSON {
        @Override
        String render(CompileResult result) {
            ObjectNode report = MAPPER.createObjectNode();
            long errors = result.diagnostics().stream().filter(Diagnostic::isError).count();
            report.put("valid", result.succeeded())
                    .put("errors", errors)
                    .put("warnings", result.diagnostics().size() - errors);
            ArrayNode diagnostics = report.putArray("diagnostics");
            for (Diagnostic diagnostic : result.diagnostics()) {
                Position position = diagnostic.position();
                diagnostics.addObject()
                        .put("file", position.source())
                        .put("line", position.line())
                        .put("column", position.column())
                        .put("length", position.length())
                        .put("severity", severity(diagnostic))
                        .put("code", diagnostic.code())
                        .put("message", diagnostic.message())
                        .put("hint", diagnostic.hint());
            }
            return report.toPrettyString() + "\n";
        }
    },
    /**
     * GitHub Actions workflow commands, which show each problem on its line of the schema: an
     * {@code ::error} or {@code ::warning} a problem, escaped as the runner reads them ({@code %}
     * and line breaks, and in properties {@code :} and {@code ,}).
     */
    GITHUB {
        @Override
        String render(CompileResult result) {
            StringBuilder out = new StringBuilder();
            for (Diagnostic diagnostic : result.diagnostics()) {
                Position position = diagnostic.position();
                String message = diagnostic.hint() == null
                        ? diagnostic.message()
                        : diagnostic.message() + "\nhint: " + diagnostic.hint();
                out.append("::").append(severity(diagnostic))
                        .append(" file=").append(property(position.source()))
                        .append(",line=").append(position.line())
                        .append(",col=").append(position.column())
                        .append(",endColumn=").append(position.column() + position.length() - 1)
                        .append(",title=").append(property("datastore4j " + diagnostic.code()))
                        .append("::").append(data(message)).append('\n');
            }
            return out.toString();
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The report of {@code result}'s diagnostics; empty when there are none, but in JSON. */
    abstract String render(CompileResult result);

    private static String severity(Diagnostic diagnostic) {
        return diagnostic.severity().name().toLowerCase(Locale.ROOT);
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
