package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Instant;

/**
 * A job's current state as materialised in Redis from its events. Fields not reached yet are
 * {@code null} (for example {@code startedAt} of a queued job).
 *
 * @param tenant   the tenant that submitted the job: only its keys can see it
 * @param aliveAt  when the running attempt last reported (its RUNNING event, a keep-alive or progress):
 *                 the scheduler's orphan sweep reads it
 * @param vramTier the GPU-memory tier of the queue it waits on, 0 for any
 * @param routing  why the gateway sent the job to its hardware class
 * @param progress the last progress a running training reported
 * @param family   the engine family of the queue it waits on
 */
public record JobRecord(
        String id,
        String tenant,
        JobKind kind,
        JobStatus status,
        HardwareClass hardwareClass,
        int vramTier,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        Instant aliveAt,
        int attempts,
        String workerId,
        String reason,
        JobResult result,
        String routing,
        Progress progress,
        VoiceFamily family) {

    public JobRecord {
        family = family == null ? VoiceFamily.VOICEFARM : family;
    }

    /** The same record without the worker that ran it: what a user (not an operator) sees. */
    public JobRecord withoutWorker() {
        return new JobRecord(id, tenant, kind, status, hardwareClass, vramTier, createdAt, startedAt, finishedAt,
                updatedAt, aliveAt, attempts, null, reason, result, routing, progress, family);
    }

    /** The record of a job that was just queued. */
    public static JobRecord queued(JobSpec job) {
        return new JobRecord(job.jobId(), job.tenant(), job.kind(), JobStatus.QUEUED, job.hardwareClass(), job.vramTier(), job.createdAt(),
                null, null, job.createdAt(), null, 0, null, null, null, job.routing(), null, job.family());
    }
}
