package dev.voicefarm.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.WorkerLimits;
import dev.voicefarm.common.jobs.JobKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void jobTopicsAreSplitByKindClassAndTier() {
        assertEquals("farm.synthesis.cpu", Topics.jobs(JobKind.SYNTHESIS, HardwareClass.CPU, 0));
        assertEquals("farm.training.apple-cpu", Topics.jobs(JobKind.TRAINING, HardwareClass.APPLE_CPU, 0));
        assertEquals("farm.training.nvidia.vram24", Topics.jobs(JobKind.TRAINING, HardwareClass.NVIDIA, 24));
        assertThrows(IllegalArgumentException.class, () -> Topics.jobs(JobKind.SYNTHESIS, HardwareClass.CPU, 8));
        assertThrows(IllegalArgumentException.class, () -> Topics.jobs(JobKind.SYNTHESIS, HardwareClass.AMD, 10));
    }

    @Test
    void theTopicNamesTheKind() {
        assertEquals(Optional.of(JobKind.SYNTHESIS), Topics.kindOf("farm.synthesis.amd.vram16"));
        assertEquals(Optional.of(JobKind.TRAINING), Topics.kindOf("farm.training.cpu"));
        assertEquals(Optional.empty(), Topics.kindOf("farm.events"));
    }

    @Test
    void gpuClassesHaveEveryTierCpuClassesOnlyTheFirst() {
        assertEquals(List.of("farm.synthesis.cpu", "farm.training.cpu"), Topics.jobTopics(HardwareClass.CPU));
        assertEquals(16, Topics.jobTopics(HardwareClass.NVIDIA).size());
        assertEquals("farm.workers.nvidia", Topics.workerShareGroup(HardwareClass.NVIDIA));
    }

    @Test
    void aWorkerReadsTheKindsItMayRunOnTheTiersItsCardReaches() {
        // A 24 GB card (reported 23.99 GB) takes every tier up to 24 GB, both kinds.
        assertEquals(List.of("farm.synthesis.nvidia", "farm.synthesis.nvidia.vram8", "farm.synthesis.nvidia.vram12",
                        "farm.synthesis.nvidia.vram16", "farm.synthesis.nvidia.vram24", "farm.training.nvidia",
                        "farm.training.nvidia.vram8", "farm.training.nvidia.vram12", "farm.training.nvidia.vram16",
                        "farm.training.nvidia.vram24"),
                Topics.consumedTopics(HardwareClass.NVIDIA, new WorkerLimits(true, 4, 8, 8, 23.99)));
        // A 4 GB card may not train: synthesis on the any-memory tier only.
        assertEquals(List.of("farm.synthesis.nvidia"),
                Topics.consumedTopics(HardwareClass.NVIDIA, new WorkerLimits(false, 1, 2, 0, 4.0)));
        assertEquals(List.of("farm.synthesis.cpu", "farm.training.cpu"),
                Topics.consumedTopics(HardwareClass.CPU, new WorkerLimits(true, 1, 1, 1, 0)));
    }
}
