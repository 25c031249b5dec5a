package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import java.util.Optional;

/**
 * Whether a delivered attempt still owns its job, from the job's state (in Redis, through
 * {@link dev.voicefarm.common.state.JobStore}). The lock on the Kafka record says who may compute;
 * the job state says whether computing still matters: a job cancelled, finished, taken over by a
 * newer attempt or given up by the scheduler is not this attempt's any more. When the state cannot
 * be read the answer is "still owned": delivery stays at least once, and the fence in the
 * transition keeps a stale outcome out.
 */
@FunctionalInterface
public interface Ownership {

    /** Why this attempt should not run (before it starts) or stop (while it runs); empty if it owns the job. */
    Optional<String> lostBecause(String jobId, int attempt, boolean started);

    /** The rule, on a job's record. */
    static Optional<String> judge(JobRecord job, int attempt, boolean started) {
        if (job.status().isTerminal()) {
            return Optional.of("the job is " + job.status() + (job.reason() == null ? "" : " (" + job.reason() + ")"));
        }
        if (job.attempts() > attempt) {
            return Optional.of("attempt " + job.attempts() + " took it over");
        }
        if (!started && job.attempts() == attempt && job.status() != JobStatus.QUEUED) {
            return Optional.of("attempt " + attempt + " is already " + job.status() + " (a second copy of the record)");
        }
        if (started && job.attempts() == attempt && job.status() == JobStatus.RETRYING) {
            return Optional.of("the scheduler gave this attempt up: " + job.reason());
        }
        return Optional.empty();
    }
}
