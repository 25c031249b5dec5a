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
    Optional<Lost> lostBecause(String jobId, int attempt, boolean started);

    /**
     * Why an attempt does not own its job.
     *
     * @param laterDeliveryMayRunIt the job still needs a run that this delivery must not make: the
     *                              record should go back to the queue, not be acknowledged away
     */
    record Lost(String reason, boolean laterDeliveryMayRunIt) {

        public static Lost forGood(String reason) {
            return new Lost(reason, false);
        }
    }

    /** The rule, on a job's record. */
    static Optional<Lost> judge(JobRecord job, int attempt, boolean started) {
        if (job.status().isTerminal()) {
            return Optional.of(Lost.forGood("the job is " + job.status()
                    + (job.reason() == null ? "" : " (" + job.reason() + ")")));
        }
        if (job.attempts() > attempt) {
            return Optional.of(Lost.forGood("attempt " + job.attempts() + " took it over"));
        }
        if (!started && job.attempts() == attempt && job.status() != JobStatus.QUEUED) {
            // A second record of the job (a client's retry), or the same record handed out again
            // with the same delivery count (a broker restart forgets in-flight deliveries). The
            // copy that ran may be dead: a later delivery, with a higher attempt, decides.
            return Optional.of(new Lost("attempt " + attempt + " is already " + job.status()
                    + " (another copy of the record)", true));
        }
        if (started && job.attempts() == attempt && job.status() == JobStatus.RETRYING) {
            return Optional.of(Lost.forGood("the scheduler gave this attempt up: " + job.reason()));
        }
        return Optional.empty();
    }
}
