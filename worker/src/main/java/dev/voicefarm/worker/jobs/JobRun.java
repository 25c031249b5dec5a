package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.worker.engine.EngineException;
import org.jboss.logging.Logger;

/**
 * The life of one delivered job, whatever its kind: RUNNING, the work, then SUCCEEDED with its
 * result; only once that event is acknowledged by Kafka does the job count as done. A permanent
 * failure ({@link EngineException#permanent()}) is FAILED at once; any other is retried (RETRYING,
 * the record RELEASEd) until the attempt budget is spent. If even the failure cannot be reported,
 * the record goes back so the outcome is not lost. An undecodable record is dropped.
 */
final class JobRun<J extends JobSpec> {

    private static final Logger LOG = Logger.getLogger(JobRun.class);

    /** What a kind of job does; {@code running} is its RUNNING event, to report progress with. */
    @FunctionalInterface
    interface Work<J> {
        JobResult run(J job, JobEvent running) throws InterruptedException;
    }

    private final Class<J> type;
    private final EventSink events;
    private final String workerId;
    private final int maxAttempts;

    JobRun(Class<J> type, EventSink events, String workerId, int maxAttempts) {
        this.type = type;
        this.events = events;
        this.workerId = workerId;
        this.maxAttempts = maxAttempts;
    }

    Disposition handle(String payload, int attempt, Work<J> work) throws InterruptedException {
        J job;
        try {
            job = Json.decode(payload, type);
        } catch (IllegalArgumentException e) {
            LOG.errorf("dropping undecodable %s record: %s", type.getSimpleName(), e.getMessage());
            return Disposition.GIVE_UP;
        }
        try {
            JobEvent running = JobEvent.of(job, JobStatus.RUNNING, attempt, workerId);
            events.publish(running);
            LOG.debugf("job %s running, attempt %d", job.jobId(), attempt);
            JobResult result = work.run(job, running);
            events.publish(JobEvent.of(job, JobStatus.SUCCEEDED, attempt, workerId).withResult(result));
            return Disposition.DONE;
        } catch (EngineException e) {
            return e.permanent() ? fail(job, attempt, e.getMessage()) : retryOrFail(job, attempt, e.getMessage());
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            return retryOrFail(job, attempt, String.valueOf(e.getMessage()));
        }
    }

    private Disposition retryOrFail(J job, int attempt, String reason) throws InterruptedException {
        if (attempt >= maxAttempts) {
            return fail(job, attempt, "gave up after " + attempt + " attempts: " + reason);
        }
        LOG.warnf("job %s attempt %d failed, will retry: %s", job.jobId(), attempt, reason);
        return report(JobEvent.of(job, JobStatus.RETRYING, attempt, workerId).withReason(reason), Disposition.RETRY);
    }

    private Disposition fail(J job, int attempt, String reason) throws InterruptedException {
        LOG.errorf("job %s failed: %s", job.jobId(), reason);
        return report(JobEvent.of(job, JobStatus.FAILED, attempt, workerId).withReason(reason), Disposition.GIVE_UP);
    }

    private Disposition report(JobEvent event, Disposition disposition) throws InterruptedException {
        try {
            events.publish(event);
            return disposition;
        } catch (RuntimeException e) {
            LOG.errorf("job %s: cannot report %s, releasing the record: %s", event.jobId(), event.status(), e.getMessage());
            return Disposition.RETRY;
        }
    }
}
