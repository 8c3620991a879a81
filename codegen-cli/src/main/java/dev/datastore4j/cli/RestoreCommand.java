package dev.datastore4j.cli;

import dev.datastore4j.store.DataStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Put a copy that backup wrote in the place of a sync server's SQLite database, or of an app's store,"
                + " while neither is running. The copy is checked and written whole beside the database first, and stays"
                + " where it is; the database it replaces is set aside (server.db.replaced-<time>) with what its WAL"
                + " held, so nothing is lost by restoring the wrong copy. A server's copy is refused in an app's"
                + " store's place, and an app's in a server's.",
                "What was written after the copy was taken is then only in the set-aside database, and in the apps that"
                        + " synced it (docs/self-hosting.md)."})
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<copy>", description = "The copy to restore.")
    Path copy;

    @Parameters(index = "1", paramLabel = "<database>", description = "The database file to replace (or create).")
    Path database;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Path> aside = DataStore.restore(copy, database);
        spec.commandLine().getErr().println("datastore4j: restored " + database + " from " + copy
                + aside.map(path -> "; the database it replaced is set aside as " + path).orElse(""));
        return 0;
    }
}
