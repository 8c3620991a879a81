package dev.datastore4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelIdsTest {
    @Test
    void idsAreVersion7UuidsCarryingTheirCreationTime() {
        long before = System.currentTimeMillis();
        String id = ModelIds.newId();
        long after = System.currentTimeMillis();
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.toString()).isEqualTo(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsFromLaterMillisecondsSortAfterEarlierOnesAsText() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 1_000; i++) {
            String earlier = ModelIds.newUuid(now + i).toString();
            String later = ModelIds.newUuid(now + i + 1).toString();
            assertThat(earlier).isLessThan(later);
        }
    }

    @Test
    void idsCreatedInOneMillisecondDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 100_000; i++) {
            ids.add(ModelIds.newUuid(now).toString());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void theTimeFieldHoldsDatesFarAhead() {
        long year3000 = 32_503_680_000_000L;
        UUID uuid = ModelIds.newUuid(year3000);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(year3000);
        assertThat(uuid.version()).isEqualTo(7);
    }
}
