package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's rules for work in flight, decided from a job's record alone (no I/O, so they are
 * tested as a table):
 * <ul>
 * <li>a RUNNING attempt that ran longer than its kind's timeout fails, into the dead letters;</li>
 * <li>a RUNNING attempt with no keep-alive for {@code orphanAfter} lost its worker: the attempt is
 *     given up (RETRYING; the queue redelivers the record when its lock expires), or, at the last
 *     attempt the broker will deliver, the job fails into the dead letters;</li>
 * <li>a waiting job fails when no worker of its class whose card reaches the job's GPU-memory tier
 *     (and that runs the job's engine family)
 *     has been live for the no-worker timeout, counted from when its queue was last served or the
 *     job was queued, whichever is later.</li>
 * </ul>
 *
 * @param maxAttempts the broker's delivery count limit
 */
public record SupervisionRules(Duration orphanAfter, Map<JobKind, Duration> timeouts, Duration noWorkerTimeout,
                               int maxAttempts) {

    /** The verdict on a RUNNING job, if it needs one. */
    public Optional<Verdict> running(JobRecord job, Instant now) {
        if (job.status() != JobStatus.RUNNING) {
            return Optional.empty();
        }
        Duration timeout = timeouts.get(job.kind());
        if (job.startedAt() != null && job.startedAt().plus(timeout).isBefore(now)) {
            return Optional.of(Verdict.fail("attempt " + job.attempts() + " ran longer than the " + job.kind().id()
                    + " timeout of " + format(timeout), true));
        }
        Instant alive = job.aliveAt() != null ? job.aliveAt() : job.updatedAt();
        if (alive == null || !alive.plus(orphanAfter).isBefore(now)) {
            return Optional.empty();
        }
        String lost = "worker " + job.workerId() + " lost: no keep-alive from attempt " + job.attempts()
                + " since " + alive;
        return job.attempts() >= maxAttempts
                ? Optional.of(Verdict.fail(lost + "; it was the last of " + maxAttempts + " attempts", true))
                : Optional.of(Verdict.retry(lost + "; the queue delivers the job again"));
    }

    /**
     * The verdict on a waiting job of a queue no live worker has served since {@code queueLastServed}.
     */
    public Optional<Verdict> waitingWithoutWorker(JobRecord job, Instant queueLastServed, Instant now) {
        if (!job.status().isWaiting()) {
            return Optional.empty();
        }
        Instant since = job.updatedAt() != null && job.updatedAt().isAfter(queueLastServed) ? job.updatedAt() : queueLastServed;
        if (!since.plus(noWorkerTimeout).isBefore(now)) {
            return Optional.empty();
        }
        String tier = job.vramTier() == VramTiers.ANY ? "" : " with " + job.vramTier() + " GB of GPU memory";
        String family = job.family() == VoiceFamily.VOICEFARM ? "" : " running " + job.family() + " voices";
        return Optional.of(Verdict.fail("no worker of class " + job.hardwareClass().id() + tier + family + " was live for "
                + format(noWorkerTimeout), false));
    }

    static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
