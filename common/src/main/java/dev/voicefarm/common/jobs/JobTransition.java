package dev.voicefarm.common.jobs;

/**
 * What the atomic update in Redis ({@code JobStore.apply}) did with one event; the rule itself is
 * {@link JobStatus#next()} and {@link JobStatus#fence()}.
 */
public enum JobTransition {
    /** The event changed the job's state. */
    APPLIED,
    /** A RUNNING event of the running attempt: a liveness (or progress) report, the state unchanged. */
    REPORTED,
    /** The job is already in that state for that attempt: nothing to do. */
    DUPLICATE,
    /** Illegal (RUNNING after SUCCEEDED) or stale (an older attempt's outcome): ignored. */
    REJECTED
}
