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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate Java models, typed query fields and sync metadata from a schema.",
                "Unchanged files are left as they are; files it generated before for types the schema no longer"
                        + " has are removed, and no other file is touched."})
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
        Optional<String> packageProblem = Codegen.packageProblem(packageName);
        if (packageProblem.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), packageProblem.get());
        }
        Optional<Schema> compiled = schema.compile(spec.commandLine());
        if (compiled.isEmpty()) {
            return Datastore4j.INVALID_SCHEMA;
        }
        List<String> files;
        List<Path> stale;
        try {
            files = Codegen.writeJavaSources(compiled.get(), packageName, OutputSink.directory(out));
            stale = Codegen.removeStaleSources(out, packageName, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated sources to " + out, e);
        }
        spec.commandLine().getOut().printf("datastore4j: %s, %d files in %s%s%n",
                ValidateCommand.count(compiled.get().models().size(), "model"),
                files.size(), out.resolve(packageName.replace('.', '/')),
                stale.isEmpty() ? "" : "; removed " + stale.size() + " generated before for types the schema no longer has");
        return 0;
    }
}
