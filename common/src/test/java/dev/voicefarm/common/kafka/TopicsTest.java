package dev.voicefarm.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.WorkerLimits;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Set<VoiceFamily> OWN = Set.of(VoiceFamily.VOICEFARM);

    @Test
    void jobTopicsAreSplitByKindClassAndTier() {
        assertEquals("farm.synthesis.cpu", Topics.jobs(JobKind.SYNTHESIS, HardwareClass.CPU, 0));
        assertEquals("farm.training.apple-cpu", Topics.jobs(JobKind.TRAINING, HardwareClass.APPLE_CPU, 0));
        assertEquals("farm.training.nvidia.vram24", Topics.jobs(JobKind.TRAINING, HardwareClass.NVIDIA, 24));
        assertThrows(IllegalArgumentException.class, () -> Topics.jobs(JobKind.SYNTHESIS, HardwareClass.CPU, 8));
        assertThrows(IllegalArgumentException.class, () -> Topics.jobs(JobKind.SYNTHESIS, HardwareClass.AMD, 10));
    }

    @Test
    void anotherFamilysSynthesisHasItsOwnTopicsReadOnlyByWorkersThatRunIt() {
        assertEquals("farm.synthesis.nvidia.vram8.gpt-sovits",
                Topics.jobs(JobKind.SYNTHESIS, VoiceFamily.GPT_SOVITS, HardwareClass.NVIDIA, 8));
        assertThrows(IllegalArgumentException.class,
                () -> Topics.jobs(JobKind.TRAINING, VoiceFamily.GPT_SOVITS, HardwareClass.NVIDIA, 8));
        assertEquals(List.of("farm.synthesis.cpu", "farm.training.cpu", "farm.synthesis.cpu.gpt-sovits"),
                Topics.consumedTopics(HardwareClass.CPU, new WorkerLimits(true, 1, 1, 1, 0), Set.of(VoiceFamily.values())));
        // A worker that may not train still reads the other family's synthesis.
        assertEquals(List.of("farm.synthesis.cpu", "farm.synthesis.cpu.gpt-sovits"),
                Topics.consumedTopics(HardwareClass.CPU, new WorkerLimits(false, 1, 1, 0, 0), Set.of(VoiceFamily.values())));
        assertEquals(Optional.of(JobKind.SYNTHESIS), Topics.kindOf("farm.synthesis.cpu.gpt-sovits"));
    }

    @Test
    void aWorkersOwnTopicIsASynthesisTopicOfItsClassWithASafeName() {
        String direct = Topics.direct(HardwareClass.AMD, "rack 4/gpu:0");
        assertEquals("farm.synthesis.amd.worker.rack_4_gpu_0", direct);
        assertEquals(Optional.of(JobKind.SYNTHESIS), Topics.kindOf(direct));
        assertTrue(Topics.isDirect(direct, HardwareClass.AMD));
        assertFalse(Topics.isDirect(direct, HardwareClass.NVIDIA));
        assertFalse(Topics.isDirect("farm.synthesis.amd.vram8", HardwareClass.AMD));
    }

    @Test
    void theTopicNamesTheKind() {
        assertEquals(Optional.of(JobKind.SYNTHESIS), Topics.kindOf("farm.synthesis.amd.vram16"));
        assertEquals(Optional.of(JobKind.TRAINING), Topics.kindOf("farm.training.cpu"));
        assertEquals(Optional.empty(), Topics.kindOf("farm.events"));
    }

    @Test
    void gpuClassesHaveEveryTierCpuClassesOnlyTheFirst() {
        assertEquals(List.of("farm.synthesis.cpu", "farm.training.cpu", "farm.synthesis.cpu.gpt-sovits"),
                Topics.jobTopics(HardwareClass.CPU));
        assertEquals(24, Topics.jobTopics(HardwareClass.NVIDIA).size());
        assertEquals("farm.workers.nvidia", Topics.workerShareGroup(HardwareClass.NVIDIA));
    }

    @Test
    void aWorkerReadsTheKindsItMayRunOnTheTiersItsCardReaches() {
        // A 24 GB card (reported 23.99 GB) takes every tier up to 24 GB, both kinds.
        assertEquals(List.of("farm.synthesis.nvidia", "farm.synthesis.nvidia.vram8", "farm.synthesis.nvidia.vram12",
                        "farm.synthesis.nvidia.vram16", "farm.synthesis.nvidia.vram24", "farm.training.nvidia",
                        "farm.training.nvidia.vram8", "farm.training.nvidia.vram12", "farm.training.nvidia.vram16",
                        "farm.training.nvidia.vram24"),
                Topics.consumedTopics(HardwareClass.NVIDIA, new WorkerLimits(true, 4, 8, 8, 23.99), OWN));
        // A 4 GB card may not train: synthesis on the any-memory tier only.
        assertEquals(List.of("farm.synthesis.nvidia"),
                Topics.consumedTopics(HardwareClass.NVIDIA, new WorkerLimits(false, 1, 2, 0, 4.0), OWN));
        assertEquals(List.of("farm.synthesis.cpu", "farm.training.cpu"),
                Topics.consumedTopics(HardwareClass.CPU, new WorkerLimits(true, 1, 1, 1, 0), OWN));
    }
}
