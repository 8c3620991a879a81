package dev.datastore4j.cli;

import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.OutputSink;
import dev.datastore4j.codegen.schema.Schema;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Option(names = "--watch",
            description = {"Keep running, and generate again each time the schema's files change (until Ctrl-C): for"
                    + " builds without the Maven plugin. A schema with errors is reported, and the files generated"
                    + " before it stay as they were."})
    boolean watch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<String> packageProblem = Codegen.packageProblem(packageName);
        if (packageProblem.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), packageProblem.get());
        }
        SchemaWatcher watcher = watch ? schema.watcher() : null;
        if (watcher == null) {
            return generate();
        }
        try (watcher) {
            generateWatched();
            while (true) {
                if (watcher.awaitChange(1_000)) {
                    generateWatched();
                }
            }
        }
    }

    /** Generates once for {@code --watch}, which goes on whatever happens: a schema with errors, a file gone for now. */
    private void generateWatched() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (generate() != 0) {
                err.println("datastore4j: the files generated before stay as they were; waiting for the schema to change");
            }
        } catch (CommandLine.ParameterException | UncheckedIOException e) { // a file gone for now, an unwritable folder
            err.println("datastore4j: " + e.getMessage() + "; waiting for the schema to change");
        }
        err.flush();
    }

    /** Generates once; {@link Datastore4j#INVALID_SCHEMA} for a schema with errors (said on stderr). */
    private int generate() {
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
        spec.commandLine().getOut().flush();
        return 0;
    }
}
