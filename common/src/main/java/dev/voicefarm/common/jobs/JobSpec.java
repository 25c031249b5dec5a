package dev.voicefarm.common.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.voicefarm.common.fleet.HardwareClass;
import java.time.Instant;

/**
 * What the gateway publishes for a job, on {@code farm.<kind>.<class>} with the job id as key.
 * Delivery is at least once: a worker may see the same job again and must produce the same
 * artifacts under the same keys.
 */
public sealed interface JobSpec permits SynthesisJob, TrainingJob {

    String jobId();

    String tenant();

    HardwareClass hardwareClass();

    Instant createdAt();

    /** Why the gateway chose this hardware class. */
    String routing();

    @JsonIgnore
    JobKind kind();
}
