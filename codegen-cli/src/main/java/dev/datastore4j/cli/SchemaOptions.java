package dev.datastore4j.cli;

import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --schema} option every command shares, and the one way diagnostics are printed. */
final class SchemaOptions {
    @Option(names = {"-s", "--schema"}, required = true, paramLabel = "<file|dir>", arity = "1..*",
            description = "Schema file, or folder of .graphql files; repeat or list several.")
    List<Path> schemas;

    /**
     * A watcher of the schema's files, to be made before they are first read so that no change
     * after that read is missed; null when one of them does not exist (compiling says so).
     */
    SchemaWatcher watcher() throws IOException {
        return schemas.stream().allMatch(Files::exists) ? new SchemaWatcher(schemas) : null;
    }

    /** Compiles the schema; prints its diagnostics to stderr; empty when it has errors. */
    Optional<Schema> compile(CommandLine commandLine) {
        return compile(commandLine, ReportFormat.TEXT);
    }

    /**
     * Compiles the schema and reports its diagnostics in {@code format}: as text on stderr, in the
     * other formats on stdout. A schema with errors is also said to be invalid on stderr, and gives
     * an empty result.
     */
    Optional<Schema> compile(CommandLine commandLine, ReportFormat format) {
        for (Path path : schemas) {
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(commandLine, "schema not found: " + path);
            }
            if (Files.isDirectory(path) && SchemaSource.schemaFilesIn(path).isEmpty()) {
                throw new CommandLine.ParameterException(commandLine, "no .graphql files in folder " + path);
            }
        }
        CompileResult result = Codegen.compile(schemas);
        PrintWriter err = commandLine.getErr();
        PrintWriter report = format == ReportFormat.TEXT ? err : commandLine.getOut();
        report.print(format.render(result));
        report.flush();
        if (!result.succeeded()) {
            err.println("datastore4j: schema is invalid: " + result.summary());
        }
        err.flush();
        return result.schema();
    }
}
