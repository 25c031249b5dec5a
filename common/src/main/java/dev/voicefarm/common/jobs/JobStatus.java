package dev.voicefarm.common.jobs;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a job. This enum is the one definition of which state changes are legal and
 * how each is fenced by the delivery attempt; the atomic update in Redis ({@code JobStore}) is
 * generated from {@link #next()} and {@link #fence()}, and nothing else decides.
 *
 * <pre>
 * QUEUED ─▶ RUNNING ─▶ SUCCEEDED | FAILED | CANCELLED
 *            ▲  │ ▲
 *            │  │ └─ RUNNING of a later attempt (redelivery after a lost worker)
 *            │  ▼
 *           RETRYING ─▶ SUCCEEDED | FAILED | CANCELLED
 * </pre>
 *
 * Terminal states have no successors, so a late or duplicated event can never move a finished
 * job, and every terminal state is reachable from every live one: events of one job come from
 * different producers (gateway, workers, scheduler), so an outcome may be applied before the start
 * it follows, and must still win. RETRYING means the job is queued again for its next attempt.
 *
 * <p>The attempt is a fencing token: see {@link Fence}.
 */
public enum JobStatus {
    QUEUED(Fence.NONE),
    RUNNING(Fence.OPENS_ATTEMPT),
    RETRYING(Fence.CLOSES_ATTEMPT),
    SUCCEEDED(Fence.CLOSES_ATTEMPT),
    FAILED(Fence.CLOSES_ATTEMPT),
    CANCELLED(Fence.NONE);

    /** How an event's attempt must compare with the highest attempt the job has seen. */
    public enum Fence {
        /** Not tied to an attempt: the gateway queues, a client cancels. */
        NONE,
        /**
         * Starts an attempt: only a later attempt than any seen may start. The same attempt again
         * while it runs is a liveness (or progress) report of the running attempt, nothing more.
         */
        OPENS_ATTEMPT,
        /**
         * Ends an attempt: applied only from the newest attempt (or a newer one), so a stale worker
         * whose record went to another can never put its outcome over the live attempt's.
         */
        CLOSES_ATTEMPT
    }

    private static final Map<JobStatus, Set<JobStatus>> NEXT = Map.of(
            QUEUED, EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED),
            RUNNING, EnumSet.of(RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED),
            RETRYING, EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(JobStatus.class),
            FAILED, EnumSet.noneOf(JobStatus.class),
            CANCELLED, EnumSet.noneOf(JobStatus.class));

    private final Fence fence;

    JobStatus(Fence fence) {
        this.fence = fence;
    }

    /** The states this one may move to; empty for terminal states. */
    public Set<JobStatus> next() {
        return NEXT.get(this);
    }

    public Fence fence() {
        return fence;
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    /** Waiting for a worker to take it: counted in its class's backlog. */
    public boolean isWaiting() {
        return this == QUEUED || this == RETRYING;
    }
}
