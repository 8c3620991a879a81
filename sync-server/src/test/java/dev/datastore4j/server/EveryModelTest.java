package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.EmbeddedDef;
import dev.datastore4j.codegen.schema.EnumDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Operations;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of every bundled valid schema through the server, as a client uses it: created with
 * its required fields only (the server making the id where the key is {@code id} alone), read back
 * by its whole key, found by a base sync, updated and deleted with its {@code _version}, and its
 * tombstone found by a delta sync from the base sync's {@code startedAt}; then one with every
 * field set (non-model objects with all of theirs, three deep where a type holds itself) answered
 * as sent, read back by its key and found by a base sync whole. The operations come by the names
 * the schema gives them, and are left out where it turns them off. Composite keys, renamed
 * operations, non-model types (one holding itself), enums and every AWS scalar are in these
 * schemas. On SQLite and on PostgreSQL.
 */
class EveryModelTest {
    private static final Path VALID = Path.of("..", "test-schemas", "schemas", "valid");
    /** A value of each scalar a server takes, as a client sends it. */
    private static final Map<String, Object> SCALARS = Map.ofEntries(Map.entry("String", "s"), Map.entry("ID", "an-id"),
            Map.entry("Int", 7), Map.entry("Float", 1.5), Map.entry("Boolean", true), Map.entry("AWSDate", "2024-01-02"),
            Map.entry("AWSTime", "10:11:12.000Z"), Map.entry("AWSDateTime", "2024-01-02T10:11:12.000Z"),
            Map.entry("AWSTimestamp", 1_700_000_000), Map.entry("AWSEmail", "a@b.example"),
            Map.entry("AWSJSON", "{\"a\":1}"), Map.entry("AWSURL", "https://a.example/x"),
            Map.entry("AWSPhone", "+12065550100"), Map.entry("AWSIPAddress", "10.0.0.1"));

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Each bundled valid schema on each store. */
    static List<Arguments> schemas() throws IOException {
        try (Stream<Path> files = Files.list(VALID)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".graphql")).sorted()
                    .flatMap(file -> Stream.of(Arguments.of(file, "SQLite"), Arguments.of(file, "PostgreSQL"))).toList();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("schemas")
    void everyModelGoesThroughItsWholeLife(String file, String store) throws Exception {
        Schema schema = Codegen.compile(List.of(VALID.resolve(file))).schema().orElseThrow();
        SyncServer.Builder builder = SyncServer.builder(schema).port(0);
        if (store.equals("SQLite")) {
            builder.database(temp.resolve("server.db"));
        } else {
            builder.postgres(PostgresFixture.newDatabase());
        }
        try (SyncServer server = builder.start()) {
            int lived = 0;
            for (ModelDef model : schema.models()) {
                if (model.operations().create() != null) {
                    live(server, schema, model);
                    lived++;
                }
            }
            assertThat(lived).as("models created in " + file).isPositive();
        }
    }

    private void live(SyncServer server, Schema schema, ModelDef model) throws Exception {
        Operations ops = model.operations();
        String name = model.name();
        String selection = model.valueFields().stream().filter(f -> f.type().kind() != TypeRef.Kind.EMBEDDED)
                .map(FieldDef::name).collect(Collectors.joining(" ")) + " _version _deleted _lastChangedAt";
        Map<String, Object> input = new LinkedHashMap<>();
        for (FieldDef field : model.valueFields()) {
            boolean key = model.primaryKey().contains(field.name());
            if (!field.readOnly() && !madeByTheServer(model, field)
                    && (key || field.type().required() && field.defaultValue() == null)) {
                input.put(field.name(), value(schema, field.type()));
            }
        }
        JsonNode created = data(server, "mutation($i: Create" + name + "Input!) { " + ops.create() + "(input: $i) { "
                + selection + " } }", Map.of("i", input), ops.create());
        assertThat(created.get("_version").asInt()).as(name).isEqualTo(1);
        Map<String, Object> key = keyOf(model, created);
        if (ops.get() != null) {
            assertThat(readByKey(server, model, key, selection)).as(name + " read back by its key").isEqualTo(created);
        }
        JsonNode base = data(server, "{ " + ops.sync() + " { items { " + selection + " } startedAt } }", Map.of(), ops.sync());
        assertThat(base.get("items")).as(name + " in a base sync").contains(created);

        int version = 1;
        if (ops.update() != null) {
            Map<String, Object> update = new LinkedHashMap<>(key);
            update.put("_version", version);
            JsonNode updated = data(server, "mutation($i: Update" + name + "Input!) { " + ops.update() + "(input: $i) { "
                    + selection + " } }", Map.of("i", update), ops.update());
            assertThat(updated.get("_version").asInt()).as(name + " updated").isEqualTo(++version);
        }
        if (ops.delete() != null) {
            Map<String, Object> delete = new LinkedHashMap<>(key);
            delete.put("_version", version);
            JsonNode deleted = data(server, "mutation($i: Delete" + name + "Input!) { " + ops.delete() + "(input: $i) { "
                    + selection + " } }", Map.of("i", delete), ops.delete());
            assertThat(deleted.get("_deleted").asBoolean()).as(name + " deleted").isTrue();
            JsonNode delta = data(server, "query($since: AWSTimestamp) { " + ops.sync() + "(lastSync: $since) { items { "
                    + selection + " } } }", Map.of("since", base.get("startedAt").asLong()), ops.sync());
            assertThat(delta.get("items")).as(name + "'s tombstone in a delta sync").contains(deleted);
        }
        liveFull(server, schema, model);
    }

    /** Whether {@code field} is an {@code id} the server makes for a create that leaves it out (left out here). */
    private static boolean madeByTheServer(ModelDef model, FieldDef field) {
        return field.name().equals("id") && model.generatesId();
    }

    /** The key fields of {@code record}, as variables of a read by key. */
    private static Map<String, Object> keyOf(ModelDef model, JsonNode record) {
        Map<String, Object> key = new LinkedHashMap<>();
        model.primaryKey().forEach(k -> key.put(k, ProtocolTest.JSON.convertValue(record.get(k), Object.class)));
        return key;
    }

    /** The record of {@code key}, {@code selection} of it, read with the model's get query. */
    private JsonNode readByKey(SyncServer server, ModelDef model, Map<String, Object> key, String selection) throws Exception {
        String parameters = model.primaryKey().stream()
                .map(k -> "$" + k + ": " + model.field(k).orElseThrow().type().name() + "!").collect(Collectors.joining(", "));
        String arguments = model.primaryKey().stream().map(k -> k + ": $" + k).collect(Collectors.joining(", "));
        String get = model.operations().get();
        return data(server, "query(" + parameters + ") { " + get + "(" + arguments + ") { " + selection + " } }", key, get);
    }

    /** How deep optional non-model objects nest in a record with every field set (a type may hold itself). */
    private static final int DEPTH = 3;

    /**
     * A record with every field set (non-model objects with all their fields, {@value #DEPTH} deep,
     * lists of two) is created, read back by its key whole, and found whole by a base sync.
     */
    private void liveFull(SyncServer server, Schema schema, ModelDef model) throws Exception {
        Operations ops = model.operations();
        String selection = selection(schema, model.valueFields(), 0) + " _version";
        Map<String, Object> input = new LinkedHashMap<>();
        for (FieldDef field : model.valueFields()) {
            boolean key = model.primaryKey().contains(field.name());
            if (!field.readOnly() && !madeByTheServer(model, field)) {
                Object value = fullValue(schema, field.type(), 0);
                // another key than the record above, which may be kept as a tombstone
                boolean text = List.of("ID", "String", "AWSEmail").contains(field.type().name());
                input.put(field.name(), key && text ? "full-" + value : value);
            }
        }
        JsonNode created = data(server, "mutation($i: Create" + model.name() + "Input!) { " + ops.create() + "(input: $i) { "
                + selection + " } }", Map.of("i", input), ops.create());
        input.forEach((field, value) -> assertThat(created.get(field)).as(model.name() + "." + field + " as sent")
                .isEqualTo(ProtocolTest.JSON.valueToTree(value)));
        if (ops.get() != null) {
            assertThat(readByKey(server, model, keyOf(model, created), selection))
                    .as(model.name() + " with every field, read back by its key").isEqualTo(created);
        }
        JsonNode base = data(server, "{ " + ops.sync() + " { items { " + selection + " } } }", Map.of(), ops.sync());
        assertThat(base.get("items")).as(model.name() + " with every field, in a base sync").contains(created);
    }

    /** The selection of {@code fields}, non-model objects with theirs, down to {@value #DEPTH} levels. */
    private static String selection(Schema schema, List<FieldDef> fields, int depth) {
        List<String> selected = new ArrayList<>();
        for (FieldDef field : fields) {
            if (field.type().kind() != TypeRef.Kind.EMBEDDED) {
                selected.add(field.name());
            } else if (depth <= DEPTH) {
                selected.add(field.name() + " { " + selection(schema, embedded(schema, field.type()).fields(), depth + 1) + " }");
            }
        }
        return String.join(" ", selected);
    }

    private static EmbeddedDef embedded(Schema schema, TypeRef type) {
        return schema.embeddedTypes().stream().filter(e -> e.name().equals(type.name())).findFirst().orElseThrow();
    }

    /** A value of {@code type} with every part set, non-model objects {@value #DEPTH} deep: a list holds two. */
    private static Object fullValue(Schema schema, TypeRef type, int depth) {
        Object one = switch (type.kind()) {
            case EMBEDDED -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (FieldDef field : embedded(schema, type).fields()) {
                    boolean deeper = field.type().kind() == TypeRef.Kind.EMBEDDED && depth + 1 >= DEPTH;
                    fields.put(field.name(), deeper ? null : fullValue(schema, field.type(), depth + 1));
                }
                yield fields;
            }
            default -> value(schema, new TypeRef(type.name(), type.kind(), false, type.required(), false));
        };
        return type.list() ? List.of(one, one) : one;
    }

    /** A value of {@code type} with its required parts only: a list holds one element. */
    private static Object value(Schema schema, TypeRef type) {
        Object one = switch (type.kind()) {
            case SCALAR -> SCALARS.get(type.name());
            case ENUM -> schema.enums().stream().filter(e -> e.name().equals(type.name())).findFirst()
                    .map(EnumDef::values).orElseThrow().get(0);
            case EMBEDDED -> {
                EmbeddedDef embedded = schema.embeddedTypes().stream().filter(e -> e.name().equals(type.name()))
                        .findFirst().orElseThrow();
                Map<String, Object> fields = new LinkedHashMap<>();
                embedded.fields().stream().filter(f -> f.type().required())
                        .forEach(f -> fields.put(f.name(), value(schema, f.type())));
                yield fields;
            }
            case MODEL -> throw new IllegalArgumentException("a model is not a value: " + type);
        };
        assertThat(one).as("a value for " + type).isNotNull();
        return type.list() ? List.of(one) : one;
    }

    /** The answer's {@code data.<field>}, after checking the answer has no errors. */
    private JsonNode data(SyncServer server, String query, Map<String, Object> variables, String field) throws Exception {
        ObjectNode body = ProtocolTest.JSON.createObjectNode().put("query", query);
        body.set("variables", ProtocolTest.JSON.valueToTree(variables));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = ProtocolTest.JSON.readTree(response.body());
        assertThat(answer.has("errors")).as(query + " with " + variables + ": " + answer).isFalse();
        return answer.get("data").get(field);
    }
}
