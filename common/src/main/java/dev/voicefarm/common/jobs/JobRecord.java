package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import java.time.Instant;

/**
 * A job's current state as materialised in Redis from its events. Fields not reached yet are
 * {@code null} (for example {@code startedAt} of a queued job).
 *
 * @param routing why the gateway sent the job to its hardware class
 */
public record JobRecord(
        String id,
        JobKind kind,
        JobStatus status,
        HardwareClass hardwareClass,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        int attempts,
        String workerId,
        String reason,
        JobResult result,
        String routing) {

    /** The record of a job that was just queued. */
    public static JobRecord queued(SynthesisJob job) {
        return new JobRecord(job.jobId(), JobKind.SYNTHESIS, JobStatus.QUEUED, job.hardwareClass(), job.createdAt(),
                null, null, job.createdAt(), 0, null, null, null, job.routing());
    }
}
