package dev.voicefarm.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void jobTopicsAreSplitByKindAndClass() {
        assertEquals("farm.synthesis.cpu", Topics.jobs(JobKind.SYNTHESIS, HardwareClass.CPU));
        assertEquals("farm.training.apple-cpu", Topics.jobs(JobKind.TRAINING, HardwareClass.APPLE_CPU));
    }

    @Test
    void aWorkerReadsEveryKindOfItsOwnClassOnly() {
        assertEquals(List.of("farm.synthesis.nvidia", "farm.training.nvidia"), Topics.jobTopics(HardwareClass.NVIDIA));
        assertEquals("farm.workers.nvidia", Topics.workerShareGroup(HardwareClass.NVIDIA));
    }
}
