package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.state.JobStore;
import java.util.Optional;
import org.jboss.logging.Logger;

/** {@link Ownership} read from the job state in Redis; unreadable state counts as owned. */
public final class RedisOwnership implements Ownership {

    private static final Logger LOG = Logger.getLogger(RedisOwnership.class);

    private final JobStore jobs;

    public RedisOwnership(JobStore jobs) {
        this.jobs = jobs;
    }

    @Override
    public Optional<Lost> lostBecause(String jobId, int attempt, boolean started) {
        try {
            return jobs.find(jobId).flatMap(job -> Ownership.judge(job, attempt, started));
        } catch (RuntimeException e) {
            LOG.debugf("job %s: state unreadable (%s); attempt %d carries on", jobId, e.getMessage(), attempt);
            return Optional.empty();
        }
    }
}
