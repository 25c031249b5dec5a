package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Cancels a job that has not finished. The CANCELLED state is written to Redis through the job
 * store's one atomic transition, which accepts it from every live state and refuses it after a
 * finish, so a job that finishes while it is being cancelled keeps its outcome. Workers read the
 * state and act on it: a queued job is never run, a running one stops at its next step.
 */
@ApplicationScoped
public class JobCancellation {

    static final String REASON = "cancelled by the client";

    private final BiFunction<JobScope, String, JobRecord> jobs;
    private final Function<JobEvent, JobTransition> transitions;
    private final Consumer<JobEvent> announce;

    @Inject
    public JobCancellation(JobViews views, JobStore store, QueuePublisher queue) {
        this(views::record, store::apply, queue::announce);
    }

    /**
     * @param jobs        a job's current record within a scope, 404 for unknown ids ({@link JobViews#record})
     * @param transitions applies an event atomically ({@link JobStore#apply})
     * @param announce    logs an applied event on {@code farm.events}, best effort
     */
    JobCancellation(BiFunction<JobScope, String, JobRecord> jobs, Function<JobEvent, JobTransition> transitions,
                    Consumer<JobEvent> announce) {
        this.jobs = jobs;
        this.transitions = transitions;
        this.announce = announce;
    }

    /** @throws ApiException 404 for jobs the tenant does not have, 409 {@code already_finished} for finished ones */
    public void cancel(JobScope scope, String jobId) {
        JobRecord job = jobs.apply(scope, jobId);
        if (job.status().isTerminal()) {
            throw alreadyFinished(job);
        }
        JobEvent cancelled = JobEvent.of(job, JobStatus.CANCELLED, REASON);
        if (transitions.apply(cancelled) != JobTransition.APPLIED) {
            // It finished (or was cancelled by another request) since it was read.
            throw alreadyFinished(jobs.apply(scope, jobId));
        }
        announce.accept(cancelled);
    }

    private static ApiException alreadyFinished(JobRecord job) {
        return ApiException.conflict("already_finished", "job " + job.id() + " has already finished: it is "
                + job.status() + "; only a queued or running job can be cancelled");
    }
}
