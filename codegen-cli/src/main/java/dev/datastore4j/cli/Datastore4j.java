package dev.datastore4j.cli;

import dev.datastore4j.store.DataStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code datastore4j} command. */
@Command(
        name = "datastore4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Typed Java models and an AppSync DataStore API from a GraphQL schema with Amplify directives.",
        subcommands = {GenerateCommand.class, ValidateCommand.class, ApiSchemaCommand.class, ServeCommand.class,
                OutboxCommand.class, BackupCommand.class, RestoreCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error, or what is around it failed: a file that cannot be read or written, a database or address that cannot be used (said on stderr)", "2:usage error", "3:invalid schema (diagnostics on stderr, or on stdout in validate's json and github formats)"})
public final class Datastore4j implements Runnable {
    /** Exit code for a schema with errors; 1 and 2 are picocli's internal-error and usage codes. */
    public static final int INVALID_SCHEMA = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: generate, validate, api-schema, serve, outbox, backup or restore");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Datastore4j()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Datastore4j::usageError).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                // The file system said no (a read-only folder, a file where a folder should be): say what.
                cmd.getErr().println("datastore4j: " + describe(e));
            } else if (e instanceof DataStoreException) {
                // A database that cannot be read, copied or replaced: its message says which and why.
                cmd.getErr().println("datastore4j: " + e.getMessage());
            } else {
                cmd.getErr().println("datastore4j: internal error: " + e);
                e.printStackTrace(cmd.getErr());
            }
            return CommandLine.ExitCode.SOFTWARE;
        });
    }

    /**
     * A usage error as picocli reports one (what is wrong, then the command's usage), and, for a
     * schema given without {@code --schema} ({@code generate schema.graphql ...}), how to give it:
     * picocli would only say that {@code --schema} is missing.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage();
        if (e instanceof CommandLine.MissingParameterException missing && missing.getMissing().stream()
                .anyMatch(arg -> arg instanceof CommandLine.Model.OptionSpec option && option.longestName().equals("--schema"))) {
            for (int i = 1; i < args.length; i++) {
                boolean optionValue = args[i - 1].startsWith("-") && !args[i - 1].contains("=");
                if (!optionValue && !args[i].startsWith("-") && (args[i].endsWith(".graphql") || Files.isDirectory(Path.of(args[i])))) {
                    message += "; name the schema with it: --schema " + args[i];
                    break;
                }
            }
        }
        err.println(message);
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            cmd.usage(err);
        }
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** An I/O failure in words: "cannot read schema file x: access denied", "out/Post.java: not a directory". */
    private static String describe(Exception e) {
        if (e instanceof UncheckedIOException unchecked) {
            return unchecked.getMessage() + ": " + describe(unchecked.getCause());
        }
        if (e instanceof FileSystemException fs) {
            String kind = fs.getClass().getSimpleName().replace("Exception", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            String reason = fs.getReason() != null ? fs.getReason().toLowerCase(Locale.ROOT) : kind;
            return reason + " (" + fs.getFile() + ")";
        }
        return String.valueOf(e.getMessage());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
