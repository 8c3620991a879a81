package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ids the server gives records created without one, and the keys it takes. */
class RecordIdsTest {
    @Test
    void idsAreVersion7UuidsWithTheCreationTime() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(DataService.newId());
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    /**
     * A create without an id gets one where the field {@code id} is of a text type (ID, or
     * String), as AppSync makes one: where it is the key, part of it, or a field beside another key
     * (which Amplify's transformer makes optional in the create input, and which was required here).
     * An {@code id: Int!} must be given: the create input requires it (it was optional, and a
     * made id, a string, was stored where an Int belongs, failing every read of the record).
     */
    @Test
    void anIdIsMadeOnlyForAnIdOfText(@TempDir Path temp) throws Exception {
        Schema schema = Codegen.compile(List.of(Files.writeString(temp.resolve("ids.graphql"), """
                type Ticket @model { id: Int! title: String }
                type Slug @model { id: String! title: String }
                type Item @model { sku: String! @primaryKey id: ID! }
                type Visit @model { id: ID! @primaryKey(sortKeyFields: ["day"]) day: AWSDate! }
                """))).schema().orElseThrow();
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("ids.db")).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            assertThatThrownBy(() -> client.graphql("mutation { createTicket(input: {title: \"t\"}) { id } }"))
                    .hasMessageContaining("ValidationError").hasMessageContaining("missing required fields '[id]'");
            assertThat(client.graphql("mutation { createTicket(input: {id: 7, title: \"t\"}) { id } }")
                    .at("/data/createTicket/id").asInt()).isEqualTo(7);
            assertThat(client.graphql("{ listTickets { items { id } } }").at("/data/listTickets/items/0/id").asInt())
                    .isEqualTo(7);
            String slug = client.graphql("mutation { createSlug(input: {title: \"s\"}) { id } }").at("/data/createSlug/id")
                    .asText();
            assertThat(UUID.fromString(slug).version()).isEqualTo(7);
            String item = client.graphql("mutation { createItem(input: {sku: \"s-1\"}) { id } }").at("/data/createItem/id")
                    .asText();
            assertThat(UUID.fromString(item).version()).isEqualTo(7);
            assertThat(client.graphql("{ getItem(sku: \"s-1\") { id } }").at("/data/getItem/id").asText()).isEqualTo(item);
            assertThat(client.graphql("mutation { createItem(input: {sku: \"s-2\", id: \"given\"}) { id } }")
                    .at("/data/createItem/id").asText()).isEqualTo("given");
            String visit = client.graphql("mutation { createVisit(input: {day: \"2026-11-28\"}) { id } }")
                    .at("/data/createVisit/id").asText();
            assertThat(client.graphql("{ getVisit(id: \"" + visit + "\", day: \"2026-11-28\") { day } }")
                    .at("/data/getVisit/day").asText()).isEqualTo("2026-11-28");
        }
    }

    /** The sort key (the key fields after the first, joined by #) holds at most 1,024 bytes, as in DynamoDB. */
    @Test
    void aSortKeyLongerThanAppSyncTakesIsRefused(@TempDir Path temp) throws Exception {
        Path schema = Files.writeString(temp.resolve("keys.graphql"),
                "type Entry @model { book: ID! @primaryKey(sortKeyFields: [\"chapter\", \"line\"]) chapter: String! line: String! }");
        ModelDef entry = Codegen.compile(List.of(schema)).schema().orElseThrow().models().get(0);
        ObjectNode values = ProtocolJson.JSON.createObjectNode().put("book", "b").put("chapter", "c".repeat(500))
                .put("line", "l".repeat(523)); // 500 + 1 + 523 = 1,024
        assertThat(DataService.key(entry, values)).startsWith("[\"b\",\"ccc");
        values.put("line", "l".repeat(524));
        assertThatThrownBy(() -> DataService.key(entry, values)).isInstanceOf(ApiException.class)
                .hasMessage("the sort key of Entry (chapter, line) holds 1025 bytes: a sort key holds at most 1024"
                        + " (as in AppSync's DynamoDB)");
    }

    /**
     * A Float key of -0.0 is the key 0.0, as DynamoDB holds numbers (and as the local store keeps
     * them): creating the one finds the other, either key reads and updates the record, and the
     * record holds 0.0 whichever the mutation sent.
     */
    @Test
    void aNegativeZeroKeyIsTheKeyZero(@TempDir Path temp) throws Exception {
        Schema schema = Codegen.compile(List.of(Files.writeString(temp.resolve("readings.graphql"),
                "type Reading @model { sensor: ID! @primaryKey(sortKeyFields: [\"offset\"]) offset: Float! note: String }")))
                .schema().orElseThrow();
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("readings.db")).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            String create = "mutation m($i: CreateReadingInput!) { createReading(input: $i) { offset } }";
            assertThat(client.graphql(create, Map.of("i", Map.of("sensor", "s", "offset", -0.0, "note", "first")))
                    .at("/data/createReading/offset").asText()).isEqualTo("0.0");
            Map<String, Object> again = Map.of("i", Map.of("sensor", "s", "offset", 0.0, "note", "again"));
            assertThatThrownBy(() -> client.graphql(create, again)).hasMessageContaining("ConditionalCheckFailedException").hasMessageContaining("already exists");
            String get = "query q($o: Float!) { getReading(sensor: \"s\", offset: $o) { note } }";
            assertThat(client.graphql(get, Map.of("o", -0.0)).at("/data/getReading/note").asText()).isEqualTo("first");
            client.graphql("mutation m($i: UpdateReadingInput!) { updateReading(input: $i) { offset } }",
                    Map.of("i", Map.of("sensor", "s", "offset", -0.0, "note", "updated", "_version", 1)));
            JsonNode items = client.graphql("{ listReadings { items { offset note } } }").at("/data/listReadings/items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("note").asText()).isEqualTo("updated");
            assertThat(items.get(0).get("offset").asText()).isEqualTo("0.0");
        }
    }

    /**
     * An empty string where AppSync's DynamoDB keeps a key attribute is refused as a bad request,
     * as DynamoDB refuses it: a key's first field, of the primary key or of an index (a has-many's
     * too, on its children's foreign key), and a sort key of one field. A sort key of more fields
     * is one value, joined by #, and may have an empty one; other fields may be empty.
     */
    @Test
    void anEmptyStringInAKeyAttributeIsRefused(@TempDir Path temp) throws Exception {
        Schema schema = Codegen.compile(List.of(Files.writeString(temp.resolve("lines.graphql"), """
                type Line @model {
                  book: ID! @primaryKey(sortKeyFields: ["chapter", "line"])
                  chapter: String!
                  line: String!
                  speaker: String @index(name: "bySpeaker", sortKeyFields: ["line"])
                  text: String
                }
                type Play @model {
                  id: ID!
                  lines: [Line] @hasMany
                }
                """))).schema().orElseThrow();
        try (SyncServer server = SyncServer.builder(schema).port(0).database(temp.resolve("lines.db")).start()) {
            SyncSemanticsTest.Client client = new SyncSemanticsTest.Client(server);
            String create = "mutation m($i: CreateLineInput!) { createLine(input: $i) { book } }";
            client.graphql(create, Map.of("i", Map.of("book", "b", "chapter", "", "line", "l", "speaker", "s", "text", "")));
            assertThatThrownBy(() -> client.graphql(create, Map.of("i", Map.of("book", "", "chapter", "c", "line", "l"))))
                    .hasMessageContaining("BadRequest")
                    .hasMessageContaining("Line.book is a key field and cannot be an empty string (AppSync's DynamoDB refuses one)");
            assertThatThrownBy(() -> client.graphql(create, Map.of("i", Map.of("book", "b", "chapter", "c", "line", ""))))
                    .hasMessageContaining("Line.line is a key field of index bySpeaker and cannot be an empty string");
            // Play.lines reads by an index AppSync adds on the lines' playLinesId (gsi-Play.lines)
            assertThatThrownBy(() -> client.graphql(create,
                    Map.of("i", Map.of("book", "b", "chapter", "c", "line", "l2", "playLinesId", ""))))
                    .hasMessageContaining("Line.playLinesId is the key Play.lines finds its records by and cannot be an empty"
                            + " string");
            String update = "mutation m($i: UpdateLineInput!) { updateLine(input: $i) { speaker } }";
            assertThatThrownBy(() -> client.graphql(update,
                    Map.of("i", Map.of("book", "b", "chapter", "", "line", "l", "speaker", "", "_version", 1))))
                    .hasMessageContaining("Line.speaker is a key field of index bySpeaker and cannot be an empty string");
            JsonNode items = client.graphql("{ listLines { items { chapter speaker _version } } }").at("/data/listLines/items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("chapter").asText()).isEmpty();
            assertThat(items.get(0).get("speaker").asText()).isEqualTo("s");
            assertThat(items.get(0).get("_version").asInt()).isEqualTo(1);
        }
    }

    @Test
    void idsAreUniqueAndSortByTimeAcrossMilliseconds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(ids.add(DataService.newId())).isTrue();
        }
        String earlier = DataService.newId();
        long earlierMillis = UUID.fromString(earlier).getMostSignificantBits() >>> 16;
        while (System.currentTimeMillis() <= earlierMillis) {
            Thread.onSpinWait(); // until the clock has moved on: within one millisecond ids are in no order
        }
        assertThat(DataService.newId()).isGreaterThan(earlier); // the lower-case hex form sorts as the time does
    }
}
