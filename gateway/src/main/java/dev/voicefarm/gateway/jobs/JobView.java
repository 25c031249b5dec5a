package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import java.time.Instant;

/** A job as the API shows it; absent fields are left out of the JSON. */
public record JobView(
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
        Result result) {

    /** @param audioUrl a presigned GET URL of the WAV file, valid for a limited time */
    public record Result(String audioUrl, double durationSeconds, int sampleRate) {
    }

    public static JobView of(JobRecord job, Result result) {
        return new JobView(job.id(), job.kind(), job.status(), job.hardwareClass(), job.createdAt(), job.startedAt(),
                job.finishedAt(), job.updatedAt(), job.attempts(), job.workerId(), job.reason(), result);
    }
}
