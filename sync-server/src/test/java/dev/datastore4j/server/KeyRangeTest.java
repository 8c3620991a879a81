package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.ModelDef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The range a sort key condition gives the store to read ({@link KeyQuery#sortedScan}) holds every
 * record the condition matches: it may let more through (the condition is checked again on each
 * record read), never less.
 */
class KeyRangeTest {
    /** Prefixes of one another, code points on both sides of the surrogates, the largest code point. */
    private static final List<String> DAYS = List.of("", "2026", "2026-01", "2026-01-01", "2026-01-02", "a", "ab", "b",
            "\uD7FF", "\uE000", "\uFFFF", "😀", "😀a", new String(Character.toChars(Character.MAX_CODE_POINT)),
            new String(Character.toChars(Character.MAX_CODE_POINT)) + "a", "a" + new String(Character.toChars(Character.MAX_CODE_POINT)));
    private static final List<String> OPERATORS = List.of("eq", "lt", "le", "gt", "ge", "between", "beginsWith");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theRangeHoldsEveryMatch(long seed) throws Exception {
        System.out.println("KeyRangeTest seed " + seed);
        Random random = new Random(seed);
        ModelDef reading = Codegen.compile(List.of(Path.of(getClass().getResource("/key-queries.graphql").toURI())))
                .schema().orElseThrow().model("Reading").orElseThrow();
        int matched = 0;
        for (int i = 0; i < 3_000; i++) {
            String operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
            ObjectNode condition = ProtocolJson.JSON.createObjectNode();
            if (operator.equals("between")) {
                ArrayNode bounds = condition.putArray(operator);
                bounds.add(operand(random));
                bounds.add(operand(random));
            } else {
                condition.set(operator, operand(random));
            }
            KeyQuery query = new KeyQuery(Map.of("sensor", ProtocolJson.JSON.getNodeFactory().textNode("s1")),
                    List.of("day", "seq"), condition, random.nextBoolean(), false);
            RecordStore.SortedScan scan = query.sortedScan(reading);
            ObjectNode record = ProtocolJson.JSON.createObjectNode().put("sensor", "s1")
                    .put("day", DAYS.get(random.nextInt(DAYS.size()))).put("seq", random.nextInt(3));
            if (query.matches(record)) {
                matched++;
                JsonNode day = record.get("day");
                assertThat(scan.from() == null || Filters.compare(day, scan.from()) >= 0).as("%s, %s", condition, record).isTrue();
                assertThat(scan.to() == null || Filters.compare(day, scan.to()) <= 0).as("%s, %s", condition, record).isTrue();
            }
        }
        assertThat(matched).as("conditions that matched").isGreaterThan(500);
    }

    /** A day alone, or a day and sometimes a seq as the composite input gives them. */
    private static JsonNode operand(Random random) {
        String day = DAYS.get(random.nextInt(DAYS.size()));
        if (random.nextBoolean()) {
            ObjectNode composite = ProtocolJson.JSON.createObjectNode().put("day", day);
            return random.nextBoolean() ? composite.put("seq", random.nextInt(3)) : composite;
        }
        return ProtocolJson.JSON.getNodeFactory().textNode(day);
    }
}
