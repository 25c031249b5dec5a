package dev.voicefarm.scheduler.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectQueueRescueTest {

    private static ClassRoute cpuWith(String... workers) {
        List<WorkerCapacity> live = java.util.Arrays.stream(workers)
                .map(id -> new WorkerCapacity(id, HardwareClass.CPU, 1, 1, 0, true, Set.of(VoiceFamily.VOICEFARM), List.of()))
                .toList();
        return new ClassRoute(HardwareClass.CPU, live.size(), live.size(), live.size(), 0, live.size(), 0, 0.0, live, 0, null);
    }

    @Test
    void onlyTheOwnTopicsOfWorkersNotLiveAreOrphans() {
        RoutingTable table = new RoutingTable(Instant.EPOCH, List.of(cpuWith("w-live"),
                new ClassRoute(HardwareClass.NVIDIA, 0, 0, 0, 0, 0, 0, null, List.of(), 0, null)));
        Set<String> topics = Set.of(
                Topics.direct(HardwareClass.CPU, "w-live"),
                Topics.direct(HardwareClass.CPU, "w-gone"),
                Topics.direct(HardwareClass.NVIDIA, "w-gpu-gone"),
                "farm.synthesis.cpu", "farm.synthesis.cpu.gpt-sovits", "farm.events");
        assertEquals(Set.of(Topics.direct(HardwareClass.CPU, "w-gone"), Topics.direct(HardwareClass.NVIDIA, "w-gpu-gone")),
                DirectQueueRescue.orphanedTopics(topics, table));
    }

    @Test
    void aWorkerLiveInAnotherClassDoesNotKeepItsOldClassTopic() {
        // The same id re-pinned to another class: its old class's topic has no reader any more.
        RoutingTable table = new RoutingTable(Instant.EPOCH, List.of(cpuWith("w-1"),
                new ClassRoute(HardwareClass.APPLE_CPU, 0, 0, 0, 0, 0, 0, null, List.of(), 0, null)));
        assertEquals(Set.of(Topics.direct(HardwareClass.APPLE_CPU, "w-1")),
                DirectQueueRescue.orphanedTopics(Set.of(Topics.direct(HardwareClass.CPU, "w-1"),
                        Topics.direct(HardwareClass.APPLE_CPU, "w-1")), table));
    }
}
