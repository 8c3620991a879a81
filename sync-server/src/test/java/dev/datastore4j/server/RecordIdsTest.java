package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ids the server gives records created without one. */
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
