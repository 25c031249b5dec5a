package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecyclePolicyTest {

    private final RecyclePolicy policy = new RecyclePolicy(500, 6144, 8000);

    @Test
    void goesOnBelowBothLimits() {
        assertEquals(Optional.empty(), policy.reason(499, 6144, 8000, null));
    }

    @Test
    void recyclesAfterItsNumberOfRequests() {
        assertTrue(policy.reason(500, 100, -1, null).orElseThrow().contains("after 500 requests"));
    }

    @Test
    void recyclesAboveItsMemoryCeiling() {
        assertTrue(policy.reason(3, 6145, -1, null).orElseThrow().contains("6145 MiB"));
    }

    @Test
    void unknownMemoryLeavesOnlyTheCount() {
        assertEquals(Optional.empty(), policy.reason(3, -1, -1, null));
    }

    @Test
    void aFailedProcessIsRestartedWhatever() {
        assertEquals(Optional.of("crashed"), policy.reason(0, 10, -1, "crashed"));
    }

    @Test
    void aProcessAboveItsGpuMemoryCeilingIsRecycledUnlessThereIsNoCeilingOrNoFigure() {
        assertTrue(policy.reason(3, 100, 8001, null).orElseThrow().contains("8001 MiB of GPU memory"));
        assertEquals(Optional.empty(), policy.reason(3, 100, -1, null), "not measured: no verdict");
        assertEquals(Optional.empty(), new RecyclePolicy(500, 6144, 0).reason(3, 100, 80_000, null), "no ceiling");
    }
}
