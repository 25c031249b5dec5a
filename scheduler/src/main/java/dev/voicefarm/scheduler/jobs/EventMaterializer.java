package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.scheduler.routing.JobTimes;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Folds {@code farm.events} into the job state in Redis, in partition order, and adds the voice of
 * every succeeded training job to the voice catalogue. An event is
 * acknowledged (its offset committed) only after Redis applied it; while Redis is unreachable the
 * materializer waits and retries rather than skip, so no transition is lost.
 */
@ApplicationScoped
public class EventMaterializer {

    private static final Logger LOG = Logger.getLogger(EventMaterializer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final JobStore jobs;
    private final VoiceStore voices;
    private final JobTimes times;

    public EventMaterializer(JobStore jobs, VoiceStore voices, JobTimes times) {
        this.jobs = jobs;
        this.voices = voices;
        this.times = times;
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
        JobTransition outcome = applyWithRetry(event);
        if (outcome == JobTransition.REJECTED) {
            LOG.debugf("job %s: ignored late %s event", event.jobId(), event.status());
        } else if (outcome == JobTransition.APPLIED && event.result() != null) {
            if (event.kind() == JobKind.SYNTHESIS) {
                times.record(event.hardwareClass(), event.result().computeSeconds());
            }
            if (event.result().voice() != null) {
                voices.save(event.result().voice());
                LOG.infof("job %s: voice %s '%s' is ready", event.jobId(), event.result().voice().id(),
                        event.result().voice().name());
            }
        }
    }

    private JobTransition applyWithRetry(JobEvent event) throws InterruptedException {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                return jobs.apply(event);
            } catch (JedisException e) {
                LOG.warnf("job %s: Redis unavailable, retrying %s in %d ms: %s",
                        event.jobId(), event.status(), backoff.toMillis(), e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
