package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.TypeRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a value of a field must be: as stored (a server's start checks the records it finds), and
 * as a mutation's input could give it (a custom conflict resolver's answer is checked so).
 */
class StoredTypesTest {
    private static final Schema SHOP = Codegen.compile(List.of(Path.of("..", "test-schemas", "schemas", "valid",
            "shop.graphql"))).schema().orElseThrow();
    private static final StoredTypes TYPES = new StoredTypes(SHOP, StoredTypes.RULES);

    private static TypeRef type(String model, String field) {
        ModelDef found = SHOP.models().stream().filter(m -> m.name().equals(model)).findFirst().orElseThrow();
        return found.fields().stream().filter(f -> f.name().equals(field)).map(FieldDef::type).findFirst().orElseThrow();
    }

    private static JsonNode json(String text) throws Exception {
        return ProtocolJson.JSON.readTree(text);
    }

    @ParameterizedTest(name = "Order.{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "total | 12.5",
        "lines | [{\"sku\": \"A-1\", \"quantity\": 2, \"price\": 3}]",
        "shipTo | {\"street\": \"Main St 1\", \"city\": \"Springfield\", \"zip\": null}",
        "status | \"PAID\"",
        "placedAt | \"2026-11-28T10:00:00.000Z\""})
    void aValueOfTheFieldsTypeFitsStoredAndAsInput(String field, String value) throws Exception {
        assertThat(TYPES.misfit(type("Order", field), json(value))).isNull();
        assertThat(TYPES.inputMisfit(type("Order", field), json(value))).isNull();
    }

    @ParameterizedTest(name = "Order.{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "total | \"12.5\" | \"12.5\" is not a valid Float",
        "lines | {\"sku\": \"A-1\"} | is not a list",
        "lines | [null] | a list holding null",
        "lines | [{\"sku\": \"A-1\", \"quantity\": 2.5, \"price\": 3}] | 2.5 is not a valid Int",
        "status | \"LOST\" | \"LOST\" is not a value of OrderStatus",
        "shipTo | [] | [] is not an object of Address"})
    void aValueOfAnotherTypeMisfits(String field, String value, String problem) throws Exception {
        assertThat(TYPES.misfit(type("Order", field), json(value))).contains(problem);
        assertThat(TYPES.inputMisfit(type("Order", field), json(value))).contains(problem);
    }

    /**
     * Text that cannot be stored, or a number that is not finite, cannot come in a mutation; no
     * stored value holds one (the server never wrote one), so the checks of stored values, whose
     * rules a server remembers having applied, leave them out.
     */
    @ParameterizedTest(name = "Order.{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "total | 1e400 | Infinity is not a finite number",
        "lines | [{\"sku\": \"A-1\", \"quantity\": 2, \"price\": -1e400}] | -Infinity is not a finite number",
        "shipTo | {\"street\": \"Main St \\u0000\", \"city\": \"Springfield\"} | text with U+0000, which cannot be stored",
        "metadata | \"{\\\"note\\\": \\\"\\ud83d\\\"}\" | text that is not Unicode"})
    void whatNoMutationCouldHoldMisfitsAsInput(String field, String value, String problem) throws Exception {
        assertThat(TYPES.inputMisfit(type("Order", field), json(value))).startsWith(problem);
        assertThat(TYPES.misfit(type("Order", field), json(value))).isNull();
    }

    /**
     * A stored object may lack a required field (the server's start fills in what it can) or hold
     * a field its type no longer has; a mutation's input could have neither.
     */
    @Test
    void anObjectLackingARequiredFieldOrHoldingAnotherFitsOnlyAsStored() throws Exception {
        JsonNode lacking = json("{\"street\": \"Main St 1\"}");
        assertThat(TYPES.misfit(type("Order", "shipTo"), lacking)).isNull();
        assertThat(TYPES.inputMisfit(type("Order", "shipTo"), lacking))
                .isEqualTo("{\"street\":\"Main St 1\"} has no value for Address.city, which is required");
        JsonNode nullInList = json("[{\"sku\": \"A-1\", \"quantity\": null, \"price\": 3}]");
        assertThat(TYPES.misfit(type("Order", "lines"), nullInList)).isNull();
        assertThat(TYPES.inputMisfit(type("Order", "lines"), nullInList))
                .isEqualTo("{\"sku\":\"A-1\",\"quantity\":null,\"price\":3} has no value for OrderLine.quantity, which is required");
        JsonNode other = json("{\"street\": \"Main St 1\", \"city\": \"Springfield\", \"planet\": \"Earth\"}");
        assertThat(TYPES.misfit(type("Order", "shipTo"), other)).isNull();
        assertThat(TYPES.inputMisfit(type("Order", "shipTo"), other)).isEqualTo(
                "{\"street\":\"Main St 1\",\"city\":\"Springfield\",\"planet\":\"Earth\"} holds planet, which is not a field of Address");
    }
}
