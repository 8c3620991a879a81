package dev.datastore4j.cli;

import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.OutputSink;
import dev.datastore4j.codegen.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.lang.model.SourceVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate Java models, typed query fields and sync metadata from a schema.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    SchemaOptions schema;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "<dir>",
            description = "Source root to write into; files land in the package's folder below it.")
    Path out;

    @Option(names = {"-p", "--package"}, required = true, paramLabel = "<java.package>",
            description = "Java package of the generated types.")
    String packageName;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!SourceVersion.isName(packageName)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "not a valid Java package name: " + packageName);
        }
        Optional<Schema> compiled = schema.compile(spec.commandLine());
        if (compiled.isEmpty()) {
            return Datastore4j.INVALID_SCHEMA;
        }
        List<String> files;
        try {
            files = Codegen.writeJavaSources(compiled.get(), packageName, OutputSink.directory(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated sources to " + out, e);
        }
        spec.commandLine().getOut().printf("datastore4j: %d models, %d files in %s%n",
                compiled.get().models().size(), files.size(), out.resolve(packageName.replace('.', '/')));
        return 0;
    }
}
