package dev.voicefarm.common.jobs;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a job. This enum is the one place that says which state changes are legal;
 * the scheduler's atomic update in Redis is generated from {@link #next()}.
 *
 * <pre>
 * QUEUED ─▶ RUNNING ─▶ SUCCEEDED | FAILED | CANCELLED
 *              │
 *              └─▶ RETRYING ─▶ QUEUED | RUNNING
 * </pre>
 *
 * Terminal states have no successors, so a late or duplicated event can never move a finished
 * job, and every terminal state is reachable from every live one: events of one job come from
 * different producers (gateway, workers, scheduler), so an outcome may be applied before the start
 * it follows, and must still win. A second RUNNING is legal only for a later delivery attempt (see
 * {@link JobTransition}).
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    RETRYING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    private static final Map<JobStatus, Set<JobStatus>> NEXT = Map.of(
            QUEUED, EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED),
            RUNNING, EnumSet.of(RETRYING, SUCCEEDED, FAILED, CANCELLED),
            RETRYING, EnumSet.of(QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(JobStatus.class),
            FAILED, EnumSet.noneOf(JobStatus.class),
            CANCELLED, EnumSet.noneOf(JobStatus.class));

    /** The states this one may move to; empty for terminal states. */
    public Set<JobStatus> next() {
        return NEXT.get(this);
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }
}
