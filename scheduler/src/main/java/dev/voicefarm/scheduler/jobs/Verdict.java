package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.jobs.JobStatus;

/**
 * What the scheduler decides about a job it supervises: the event it raises, and whether the job
 * spent its budget (then it goes to {@code farm.dlq} first).
 */
public record Verdict(JobStatus status, String reason, boolean deadLetter) {

    /** The attempt is given up; the queue delivers the job again once its lock expires. */
    static Verdict retry(String reason) {
        return new Verdict(JobStatus.RETRYING, reason, false);
    }

    /** The job ends FAILED. */
    static Verdict fail(String reason, boolean deadLetter) {
        return new Verdict(JobStatus.FAILED, reason, deadLetter);
    }
}
