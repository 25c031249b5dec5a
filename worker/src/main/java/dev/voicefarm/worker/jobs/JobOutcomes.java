package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.jobs.JobStatus;
import org.jboss.logging.Logger;

/**
 * How every kind of job ends when it does not succeed: a permanent failure is FAILED at once, any
 * other is retried (RETRYING, the record RELEASEd) until the attempt budget is spent. If even the
 * failure cannot be reported, the record goes back so the outcome is not lost.
 */
final class JobOutcomes {

    private static final Logger LOG = Logger.getLogger(JobOutcomes.class);

    private final SynthesisHandler.EventSink events;
    private final String workerId;
    private final int maxAttempts;

    JobOutcomes(SynthesisHandler.EventSink events, String workerId, int maxAttempts) {
        this.events = events;
        this.workerId = workerId;
        this.maxAttempts = maxAttempts;
    }

    Disposition retryOrFail(JobSpec job, int attempt, String reason) throws InterruptedException {
        if (attempt >= maxAttempts) {
            return fail(job, attempt, "gave up after " + attempt + " attempts: " + reason);
        }
        LOG.warnf("job %s attempt %d failed, will retry: %s", job.jobId(), attempt, reason);
        return report(JobEvent.of(job, JobStatus.RETRYING, attempt, workerId).withReason(reason), Disposition.RETRY);
    }

    Disposition fail(JobSpec job, int attempt, String reason) throws InterruptedException {
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
