package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecyclePolicyTest {

    private final RecyclePolicy policy = new RecyclePolicy(500, 6144);

    @Test
    void goesOnBelowBothLimits() {
        assertEquals(Optional.empty(), policy.reason(499, 6144, null));
    }

    @Test
    void recyclesAfterItsNumberOfRequests() {
        assertTrue(policy.reason(500, 100, null).orElseThrow().contains("after 500 requests"));
    }

    @Test
    void recyclesAboveItsMemoryCeiling() {
        assertTrue(policy.reason(3, 6145, null).orElseThrow().contains("6145 MiB"));
    }

    @Test
    void unknownMemoryLeavesOnlyTheCount() {
        assertEquals(Optional.empty(), policy.reason(3, -1, null));
    }

    @Test
    void aFailedProcessIsRestartedWhatever() {
        assertEquals(Optional.of("crashed"), policy.reason(0, 10, "crashed"));
    }
}
