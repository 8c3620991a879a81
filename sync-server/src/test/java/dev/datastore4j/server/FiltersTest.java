package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Filter and condition inputs against records, where they could differ from DynamoDB's reading. */
class FiltersTest {
    private static JsonNode json(String text) throws Exception {
        return ProtocolJson.JSON.readTree(text);
    }

    @Test
    void stringsCompareByCodePointAsDynamoDbDoes() throws Exception {
        JsonNode emoji = json("{\"title\": \"\\uD83D\\uDE00 smile\"}"); // U+1F600 sorts after U+FFFD
        assertThat(Filters.matches(json("{\"title\": {\"lt\": \"\\uFFFD\"}}"), emoji)).isFalse();
        assertThat(Filters.matches(json("{\"title\": {\"gt\": \"\\uFFFD\"}}"), emoji)).isTrue();
        assertThat(Filters.matches(json("{\"title\": {\"between\": [\"\\uFFFD\", \"\\uD83D\\uDE01\"]}}"), emoji)).isTrue();
        assertThat(Filters.matches(json("{\"title\": {\"beginsWith\": \"\\uD83D\\uDE00\"}}"), emoji)).isTrue();
        assertThat(Filters.matches(json("{\"title\": {\"lt\": \"a\"}}"), json("{\"title\": \"B\"}"))).isTrue();
    }

    @Test
    void negativeZeroIsZero() throws Exception {
        JsonNode negative = json("{\"price\": -0.0}");
        JsonNode positive = json("{\"price\": 0.0}");
        for (String filter : new String[] {"{\"eq\": 0}", "{\"eq\": 0.0}", "{\"eq\": -0.0}", "{\"le\": -0.0}", "{\"ge\": 0.0}",
                "{\"between\": [0.0, 0.0]}", "{\"in\": [0]}"}) {
            assertThat(Filters.matches(json("{\"price\": " + filter + "}"), negative)).as("-0.0 %s", filter).isTrue();
            assertThat(Filters.matches(json("{\"price\": " + filter + "}"), positive)).as("0.0 %s", filter).isTrue();
        }
        assertThat(Filters.matches(json("{\"price\": {\"ne\": 0.0}}"), negative)).isFalse();
        assertThat(Filters.matches(json("{\"price\": {\"lt\": 0.0}}"), negative)).isFalse();
        assertThat(Filters.matches(json("{\"price\": {\"lt\": -0.0}}"), json("{\"price\": -1e-300}"))).isTrue();
    }

    @Test
    void sizeIsUtf8BytesOfAStringAndElementsOfAList() throws Exception {
        JsonNode post = json("{\"title\": \"h\u00e9llo\", \"tags\": [\"a\", \"b\"], \"rating\": 3}"); // é is 2 bytes
        assertThat(Filters.matches(json("{\"title\": {\"size\": {\"eq\": 6}}}"), post)).isTrue();
        assertThat(Filters.matches(json("{\"title\": {\"size\": {\"between\": [1, 5]}}}"), post)).isFalse();
        assertThat(Filters.matches(json("{\"tags\": {\"size\": {\"ge\": 2, \"lt\": 3}}}"), post)).isTrue();
        assertThat(Filters.matches(json("{\"missing\": {\"size\": {\"ne\": 1}}}"), post)).isFalse();
        assertThat(Filters.matches(json("{\"rating\": {\"size\": {\"eq\": 1}}}"), post)).isFalse();
    }

    @Test
    void subscriptionFiltersTakeInAndNotIn() throws Exception {
        JsonNode post = json("{\"title\": \"b\", \"rating\": 3}");
        assertThat(Filters.matches(json("{\"title\": {\"in\": [\"a\", \"b\"]}}"), post)).isTrue();
        assertThat(Filters.matches(json("{\"rating\": {\"in\": [1, 2]}}"), post)).isFalse();
        assertThat(Filters.matches(json("{\"rating\": {\"notIn\": [1, 2]}}"), post)).isTrue();
        assertThat(Filters.matches(json("{\"missing\": {\"notIn\": [\"x\"]}}"), post)).isTrue();
        assertThat(Filters.matches(json("{\"missing\": {\"in\": [\"x\"]}}"), post)).isFalse();
    }

    @Test
    void attributeTypeReadsTheJsonType() throws Exception {
        JsonNode post = json("{\"title\": \"t\", \"rating\": 3, \"draft\": true, \"tags\": [], \"blog\": null}");
        for (String[] match : new String[][] {{"title", "string"}, {"rating", "number"}, {"draft", "bool"}, {"tags", "list"},
                {"blog", "_null"}}) {
            assertThat(Filters.matches(json("{\"" + match[0] + "\": {\"attributeType\": \"" + match[1] + "\"}}"), post))
                    .as("%s is %s", match[0], match[1]).isTrue();
        }
        assertThat(Filters.matches(json("{\"title\": {\"attributeType\": \"number\"}}"), post)).isFalse();
        assertThat(Filters.matches(json("{\"tags\": {\"attributeType\": \"stringSet\"}}"), post)).isFalse();
        assertThat(Filters.matches(json("{\"missing\": {\"attributeType\": \"_null\"}}"), post)).isFalse();
    }
}
