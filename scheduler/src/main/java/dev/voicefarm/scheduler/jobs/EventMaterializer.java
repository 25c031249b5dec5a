package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.scheduler.metrics.SchedulerMetrics;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.scheduler.routing.JobTimes;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.voicefarm.common.retry.Backoff;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Folds {@code farm.events} into the job state in Redis, in partition order, and upserts the voice
 * of every succeeded training job (applied or replayed) into the voice catalogue. An event is
 * acknowledged (its offset committed) only after Redis applied it; while Redis is unreachable the
 * materializer waits and retries rather than skip, so no transition is lost.
 */
@ApplicationScoped
public class EventMaterializer {

    private static final Logger LOG = Logger.getLogger(EventMaterializer.class);

    private final JobStore jobs;
    private final VoiceStore voices;
    private final JobTimes times;
    private final SchedulerMetrics metrics;

    public EventMaterializer(JobStore jobs, VoiceStore voices, JobTimes times, SchedulerMetrics metrics) {
        this.jobs = jobs;
        this.voices = voices;
        this.times = times;
        this.metrics = metrics;
    }

    @Incoming("events")
    @Blocking
    public void apply(String payload) throws InterruptedException {
        JobEvent event;
        try {
            event = Json.decode(payload, JobEvent.class);
        } catch (IllegalArgumentException e) {
            LOG.errorf("skipping undecodable event: %s", e.getMessage());
            return;
        }
        JobTransition outcome = withRetry(event, () -> jobs.apply(event));
        metrics.folded(event, outcome);
        if (outcome == JobTransition.APPLIED && event.status().isTerminal() && event.status() != JobStatus.CANCELLED) {
            timeRun(event);
        }
        if (outcome == JobTransition.REJECTED) {
            LOG.debugf("job %s: ignored late or stale %s event of attempt %d", event.jobId(), event.status(),
                    event.attempt());
            return;
        }
        if (event.result() == null) {
            return;
        }
        if (outcome == JobTransition.APPLIED && event.kind() == JobKind.SYNTHESIS) {
            times.record(event.hardwareClass(), event.result().computeSeconds());
        }
        // An upsert on every accepted outcome, a replay included: a crash between the transition and
        // this write is repaired by the redelivered event.
        if (event.result().voice() != null) {
            withRetry(event, () -> {
                voices.save(event.result().voice());
                return null;
            });
            LOG.infof("job %s: voice %s '%s' version %d is ready", event.jobId(), event.result().voice().id(),
                    event.result().voice().name(), event.result().voice().version());
        }
    }

    /** Best effort: a metric is never a reason to hold an event back. */
    private void timeRun(JobEvent event) {
        try {
            jobs.startedAt(event.jobId()).ifPresent(started -> metrics.finished(event, started));
        } catch (JedisException e) {
            LOG.debugf("job %s: run time not measured: %s", event.jobId(), e.getMessage());
        }
    }

    private <T> T withRetry(JobEvent event, java.util.function.Supplier<T> write) throws InterruptedException {
        for (int retry = 1; ; retry++) {
            try {
                return write.get();
            } catch (JedisException e) {
                long wait = Backoff.DEFAULT.delay(retry).toMillis();
                LOG.warnf("job %s: Redis unavailable, retrying %s in %d ms: %s",
                        event.jobId(), event.status(), wait, e.getMessage());
                Thread.sleep(wait);
            }
        }
    }
}
