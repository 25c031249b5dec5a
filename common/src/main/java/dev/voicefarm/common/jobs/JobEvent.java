package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Instant;

/**
 * One lifecycle event of a job, published on {@code farm.events} with the job id as key, so a
 * job's events stay in order within a partition. The topic is the log of record: the scheduler
 * folds these events into the job state in Redis, and the state can be rebuilt by replaying them.
 * Each event carries the job's identity (tenant, kind, class, creation time), so the first event seen for
 * a job is enough to create its record whatever its status.
 *
 * @param vramTier the GPU-memory tier of the job's queue, 0 for any
 * @param attempt  delivery attempt (1 for the first delivery), the fencing token of
 *                 {@link JobStatus.Fence}; 0 for events not tied to one
 * @param workerId the worker that emitted it, or {@code null} for the gateway and scheduler
 * @param reason   why the job failed or is retried, else {@code null}
 * @param result   the outcome of a SUCCEEDED job, else {@code null}
 * @param routing  why the job went to its class (QUEUED events), else {@code null}
 * @param progress how far a running training is (RUNNING events of the same attempt), else {@code null}
 * @param family   the engine family of the job's queue ({@link VoiceFamily#VOICEFARM} when absent)
 */
public record JobEvent(
        String jobId,
        String tenant,
        JobKind kind,
        HardwareClass hardwareClass,
        int vramTier,
        JobStatus status,
        Instant at,
        Instant createdAt,
        int attempt,
        String workerId,
        String reason,
        JobResult result,
        String routing,
        Progress progress,
        VoiceFamily family) {

    public JobEvent {
        family = family == null ? VoiceFamily.VOICEFARM : family;
    }

    public static JobEvent queued(JobSpec job) {
        return new JobEvent(job.jobId(), job.tenant(), job.kind(), job.hardwareClass(), job.vramTier(), JobStatus.QUEUED,
                job.createdAt(), job.createdAt(), 0, null, null, null, job.routing(), null, job.family());
    }

    public static JobEvent of(JobSpec job, JobStatus status, int attempt, String workerId) {
        return new JobEvent(job.jobId(), job.tenant(), job.kind(), job.hardwareClass(), job.vramTier(), status, Instant.now(),
                job.createdAt(), attempt, workerId, null, null, null, null, job.family());
    }

    /** An event the scheduler raises about a job it only knows from its record. */
    public static JobEvent of(JobRecord job, JobStatus status, String reason) {
        return new JobEvent(job.id(), job.tenant(), job.kind(), job.hardwareClass(), job.vramTier(), status, Instant.now(), job.createdAt(),
                job.attempts(), null, reason, null, null, null, job.family());
    }

    public JobEvent withReason(String reason) {
        return new JobEvent(jobId, tenant, kind, hardwareClass, vramTier, status, at, createdAt, attempt, workerId, reason, result,
                routing, progress, family);
    }

    public JobEvent withResult(JobResult result) {
        return new JobEvent(jobId, tenant, kind, hardwareClass, vramTier, status, at, createdAt, attempt, workerId, reason, result,
                routing, progress, family);
    }

    /** The same event, at another time (a keep-alive repeats the RUNNING event). */
    public JobEvent withAt(Instant at) {
        return new JobEvent(jobId, tenant, kind, hardwareClass, vramTier, status, at, createdAt, attempt, workerId, reason, result,
                routing, progress, family);
    }

    /** A RUNNING event that only reports progress. */
    public JobEvent withProgress(Progress progress) {
        return new JobEvent(jobId, tenant, kind, hardwareClass, vramTier, status, at, createdAt, attempt, workerId, reason, result,
                routing, progress, family);
    }
}
