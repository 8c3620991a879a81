package dev.datastore4j.cli;

import dev.datastore4j.store.DataStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the SQLite database of a sync server (serve --database) or of an app's store to a new file,"
                + " also while the server or the app writes to it: the copy holds every change committed when it began,"
                + " and is checked (PRAGMA integrity_check) and synced to disk before it takes its name, so a file of"
                + " that name is always a whole copy. The database is only read.",
                "The restore command puts a copy back. A server's PostgreSQL database is backed up with"
                        + " PostgreSQL's own tools (pg_dump)."})
final class BackupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<database>", description = "The database file to copy.")
    Path database;

    @Parameters(index = "1", paramLabel = "<copy>", description = "The file to write the copy to; it must not exist.")
    Path copy;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long bytes = DataStore.backup(database, copy);
        spec.commandLine().getErr().println("datastore4j: copied " + database + " to " + copy + " (" + bytes
                + " bytes, checked)");
        return 0;
    }
}
