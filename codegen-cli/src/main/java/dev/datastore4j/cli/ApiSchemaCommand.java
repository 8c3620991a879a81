package dev.datastore4j.cli;

import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.GeneratedFile;
import dev.datastore4j.codegen.OutputSink;
import dev.datastore4j.codegen.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "api-schema", mixinStandardHelpOptions = true,
        description = "Print the AppSync DataStore API schema (SDL) that clients and the sync server use.")
final class ApiSchemaCommand implements Callable<Integer> {
    @Mixin
    SchemaOptions schema;

    @Option(names = {"-o", "--out"}, paramLabel = "<file>", description = "Write to this file instead of stdout.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<Schema> compiled = schema.compile(spec.commandLine());
        if (compiled.isEmpty()) {
            return Datastore4j.INVALID_SCHEMA;
        }
        String sdl = Codegen.apiSchema(compiled.get());
        if (out == null) {
            spec.commandLine().getOut().print(sdl);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Path file = out.toAbsolutePath();
                OutputSink.directory(file.getParent()).write(new GeneratedFile(file.getFileName().toString(), sdl));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the API schema to " + out, e);
            }
        }
        return 0;
    }
}
