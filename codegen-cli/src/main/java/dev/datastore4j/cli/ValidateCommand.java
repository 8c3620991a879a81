package dev.datastore4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a schema and report every problem with its location; exit 3 when it has errors.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    SchemaOptions schema;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
            description = "How problems are reported: text (each with its source line, on stderr; the default), json (one"
                    + " document on stdout, for editors and scripts: valid, errors, warnings, and each problem's file, line,"
                    + " column, length, severity, code, message and hint) or github (on stdout, as GitHub Actions workflow"
                    + " commands, which show each problem on its line of the schema). Exit 3 for errors in every format.")
    ReportFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return schema.compile(spec.commandLine(), format).map(s -> {
            if (format == ReportFormat.JSON) {
                return 0; // stdout holds the JSON document alone
            }
            spec.commandLine().getOut().printf("datastore4j: schema is valid: %s, %s, %s%n", count(s.models().size(), "model"),
                    count(s.enums().size(), "enum"), count(s.embeddedTypes().size(), "non-model type"));
            return 0;
        }).orElse(Datastore4j.INVALID_SCHEMA);
    }

    /** "1 model", "3 models": {@code n} and {@code noun}, plural but for one. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
