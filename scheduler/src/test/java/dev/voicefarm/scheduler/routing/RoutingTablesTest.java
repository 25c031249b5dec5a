package dev.voicefarm.scheduler.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.Gpu;
import dev.voicefarm.common.fleet.GpuVendor;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.HardwareProfile;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.fleet.WorkerLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.voicefarm.common.state.JobStore;
import org.junit.jupiter.api.Test;

class RoutingTablesTest {

    private static WorkerCapacity worker(String id, HardwareClass hardwareClass, long vramMb, int slots, int running) {
        List<Gpu> gpus = vramMb == 0 ? List.of() : List.of(new Gpu(GpuVendor.NVIDIA, "GPU", vramMb, vramMb, "8.6", null));
        HardwareProfile profile = new HardwareProfile(gpus, null, null, "Linux", "amd64", "x86", 8, 16000, "sim:x", List.of());
        return WorkerCapacity.of(new Heartbeat(id, hardwareClass, "cpu", "test", profile,
                new WorkerLimits(vramMb >= 6144, slots, 1, 1, gpus.isEmpty() ? 0 : gpus.get(0).vramTotalGb()), running, slots - running, 100, Instant.EPOCH, Instant.EPOCH,
                Duration.ofSeconds(2), false, null, null, 0));
    }

    private static RoutingTable compute(List<WorkerCapacity> live, Map<HardwareClass, Long> backlog) {
        return RoutingTables.compute(Instant.EPOCH.plusSeconds(60), live, c -> {
            long jobs = backlog.getOrDefault(c, 0L);
            return new JobStore.Waiting(jobs, jobs == 0 ? Optional.empty() : Optional.of(Instant.EPOCH.plusSeconds(15)));
        }, c -> 2.0);
    }

    @Test
    void sumsTheLiveWorkersOfEachClass() {
        RoutingTable table = compute(List.of(worker("a", HardwareClass.NVIDIA, 12288, 3, 1),
                worker("b", HardwareClass.NVIDIA, 4096, 1, 1), worker("c", HardwareClass.CPU, 0, 1, 0)), Map.of());
        ClassRoute nvidia = table.route(HardwareClass.NVIDIA).orElseThrow();
        assertEquals(2, nvidia.liveWorkers());
        assertEquals(4, nvidia.totalSlots());
        assertEquals(2, nvidia.freeSlots());
        assertEquals(2, nvidia.runningJobs());
        assertNull(nvidia.oldestWaitingSeconds(), "nothing waits");
        assertEquals(12.0, nvidia.maxVramGb());
        assertEquals(1, nvidia.trainingWorkers());
        assertEquals(0.0, nvidia.estimatedWaitSeconds());
        assertEquals(0, table.route(HardwareClass.AMD).orElseThrow().liveWorkers());
        assertNull(table.route(HardwareClass.AMD).orElseThrow().estimatedWaitSeconds());
        assertEquals(4, table.classes().size());
    }

    @Test
    void waitGrowsWithTheBacklogAheadAndShrinksWithSlots() {
        RoutingTable table = compute(List.of(worker("a", HardwareClass.CPU, 0, 2, 2)), Map.of(HardwareClass.CPU, 5L));
        // 5 queued ahead, no free slot, 2 slots, 2 s a job: the new job starts after (5 + 1) × 2 / 2 s.
        assertEquals(6.0, table.route(HardwareClass.CPU).orElseThrow().estimatedWaitSeconds());
        assertEquals(5, table.route(HardwareClass.CPU).orElseThrow().backlog());
        assertEquals(45.0, table.route(HardwareClass.CPU).orElseThrow().oldestWaitingSeconds(), "waiting since 15 s, now 60 s");
    }

    @Test
    void jobTimesFollowTheReportedComputeTimes() {
        JobTimes times = new JobTimes();
        assertEquals(JobTimes.INITIAL_SECONDS, times.meanSeconds(HardwareClass.CPU));
        times.record(HardwareClass.CPU, 1.0);
        times.record(HardwareClass.CPU, 1.0);
        assertEquals(1.0, times.meanSeconds(HardwareClass.CPU));
        times.record(HardwareClass.CPU, 6.0);
        assertEquals(2.0, times.meanSeconds(HardwareClass.CPU), 1e-9);
    }
}
