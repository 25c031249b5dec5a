package dev.voicefarm.common.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VramTiersTest {

    @Test
    void aJobGoesToTheLowestTierThatCoversWhatItAsks() {
        assertEquals(0, VramTiers.forJob(Optional.empty()));
        assertEquals(0, VramTiers.forJob(Optional.of(0.0)));
        assertEquals(8, VramTiers.forJob(Optional.of(0.5)));
        assertEquals(12, VramTiers.forJob(Optional.of(10.0)));
        assertEquals(24, VramTiers.forJob(Optional.of(24.0)));
        assertEquals(80, VramTiers.forJob(Optional.of(80.0)));
        assertThrows(IllegalArgumentException.class, () -> VramTiers.forJob(Optional.of(80.5)));
    }

    @Test
    void aCardCountsAsItsNominalSize() {
        assertTrue(VramTiers.serves(24564 / 1024.0, 24), "an RTX 4090 reports 24564 MiB");
        assertTrue(VramTiers.serves(81559 / 1024.0, 80), "an H100 80GB reports 81559 MiB");
        assertTrue(VramTiers.serves(143771 / 1024.0, 80), "an H200 reports 143771 MiB");
        assertFalse(VramTiers.serves(12288 / 1024.0, 16));
        assertFalse(VramTiers.serves(0, 8), "a CPU serves only the any-memory tier");
        assertTrue(VramTiers.serves(0, 0));
    }

    @Test
    void everyJobTierIsServedByACardOfThatSize() {
        for (int floor : VramTiers.FLOORS_GB) {
            assertTrue(VramTiers.serves(floor, VramTiers.forJob(Optional.of((double) floor))));
        }
    }
}
