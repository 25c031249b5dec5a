package dev.voicefarm.common.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Instant;

/**
 * What the gateway publishes for a job, on its kind, class and tier's topic ({@code Topics.jobs}) with the job id as key.
 * Delivery is at least once: a worker may see the same job again and must produce the same
 * artifacts under the same keys.
 */
public sealed interface JobSpec permits SynthesisJob, TrainingJob {

    String jobId();

    String tenant();

    HardwareClass hardwareClass();

    /** The GPU-memory tier of its queue ({@link dev.voicefarm.common.fleet.VramTiers}), 0 for any. */
    int vramTier();

    Instant createdAt();

    /** Why the gateway chose this hardware class. */
    String routing();

    @JsonIgnore
    JobKind kind();

    /** The worker whose own topic the job was published on, or {@code null} for the shared topic of its queue. */
    default String affinityWorker() {
        return null;
    }

    /** The engine family that runs it: the job goes only to workers that have it. */
    default VoiceFamily family() {
        return VoiceFamily.VOICEFARM;
    }
}
