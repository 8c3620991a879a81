package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.model.FieldType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column and JSON forms of values that no generated fixture holds in a list or non-model object. */
class ValuesTest {
    private static final FieldType<List<Instant>> STAMPS = FieldType.listOf(FieldType.AWS_TIMESTAMP, true);

    @Test
    void timestampsInJsonAreSecondsAndEarlierTextStillReads() {
        List<Instant> stamps = List.of(Instant.parse("2024-01-01T08:30:15Z"), Instant.EPOCH.minusSeconds(1));
        Object column = Values.toSql(STAMPS, stamps);
        assertThat(column).isEqualTo("[1704097815,-1]");
        assertThat(Values.fromSql(STAMPS, column)).isEqualTo(stamps);
        // what versions before whole seconds wrote
        assertThat(Values.fromSql(STAMPS, "[\"2024-01-01T08:30:15.000000000Z\"]")).isEqualTo(stamps.subList(0, 1));
        // the column of a single timestamp stays text that sorts in time order
        assertThat(Values.toSql(FieldType.AWS_TIMESTAMP, stamps.get(1))).isEqualTo("1969-12-31T23:59:59.000000000Z");
    }
}
