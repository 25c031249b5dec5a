package dev.voicefarm.common.jobs;

/**
 * The decision taken for one event against a job's current state. The Redis script in
 * {@code JobStore} applies exactly this rule atomically; this class states it for Java callers
 * and tests.
 */
public enum JobTransition {
    /** The event changes the job. */
    APPLIED,
    /** The job is already in that state for that attempt: nothing to do. */
    DUPLICATE,
    /** The change is illegal (for example RUNNING after SUCCEEDED): the event is ignored. */
    REJECTED;

    /**
     * @param current         the job's status, or {@code null} when no event was applied yet
     * @param currentAttempts the highest delivery attempt seen so far
     * @param next            the event's status
     * @param attempt         the event's delivery attempt
     */
    public static JobTransition decide(JobStatus current, int currentAttempts, JobStatus next, int attempt) {
        if (current == null) {
            return APPLIED;
        }
        if (current == next) {
            boolean redelivered = next == JobStatus.RUNNING && attempt > currentAttempts;
            return redelivered ? APPLIED : DUPLICATE;
        }
        return current.next().contains(next) ? APPLIED : REJECTED;
    }
}
