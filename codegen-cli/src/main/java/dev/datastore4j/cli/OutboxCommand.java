package dev.datastore4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.store.DataStore;
import dev.datastore4j.store.DataStoreException;
import dev.datastore4j.store.PendingMutation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = {"Print the mutations waiting in the outbox of a store's database file for the server, oldest"
                + " first: one JSON object a line, with sequence, model, recordId, type (CREATE, UPDATE or DELETE),"
                + " inFlight (being sent), data (the record, with the schema's field names) and condition (of a"
                + " conditional write).",
                "The file is only read, so an app may have it open. A copy that a store set aside when it could not"
                        + " migrate its database (app.db.set-aside-...) is read the same way."})
final class OutboxCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "<file>", description = "The store's database file.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int count;
        try {
            count = DataStore.readPendingMutations(file, mutation -> out.println(line(mutation)));
        } finally {
            out.flush();
        }
        err.println("datastore4j: " + count + (count == 1 ? " mutation waits" : " mutations wait") + " in " + file);
        return 0;
    }

    private static String line(PendingMutation mutation) {
        ObjectNode line = JSON.createObjectNode()
                .put("sequence", mutation.sequence())
                .put("model", mutation.model())
                .put("recordId", mutation.recordId())
                .put("type", mutation.type().name())
                .put("inFlight", mutation.inFlight());
        line.set("data", json(mutation.data()));
        line.set("condition", mutation.condition() == null ? NullNode.getInstance() : json(mutation.condition()));
        return line.toString();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DataStoreException("an outbox entry holds JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
