package dev.datastore4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a schema and report every problem with its location; exit 3 when it has errors.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    SchemaOptions schema;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return schema.compile(spec.commandLine()).map(s -> {
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
