package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.gateway.api.ApiException;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What the gateway writes to Kafka: jobs on their class and tier's topic and lifecycle events on
 * {@code farm.events}, each keyed by job id and acknowledged by every in-sync replica
 * (acks=all). Nothing is sent while {@link QueueHealth} knows Kafka is down.
 */
@ApplicationScoped
public class QueuePublisher {

    private static final Logger LOG = Logger.getLogger(QueuePublisher.class);

    private final MutinyEmitter<String> jobs;
    private final MutinyEmitter<String> events;
    private final QueueHealth health;
    private final Duration publishTimeout;

    public QueuePublisher(@Channel("jobs") MutinyEmitter<String> jobs,
                          @Channel("events") MutinyEmitter<String> events,
                          QueueHealth health,
                          @ConfigProperty(name = "farm.gateway.publish-timeout", defaultValue = "8s") Duration publishTimeout) {
        this.jobs = jobs;
        this.events = events;
        this.health = health;
        this.publishTimeout = publishTimeout;
    }

    /** @throws ApiException 503 {@code queue_unavailable} when Kafka did not acknowledge the job */
    public void publish(JobSpec job) {
        send(jobs, Topics.publishedOn(job), job.jobId(), Json.encode(job));
    }

    /**
     * Logs the event on {@code farm.events}, best effort: the gateway has already written the
     * state to Redis, so a lost event leaves a gap in the log, not a wrong job.
     */
    public void announce(JobEvent event) {
        try {
            send(events, Topics.EVENTS, event.jobId(), Json.encode(event));
        } catch (RuntimeException e) {
            LOG.warnf("job %s is %s but the event was not logged on %s: %s", event.jobId(), event.status(),
                    Topics.EVENTS, e.getMessage());
        }
    }

    private void send(MutinyEmitter<String> emitter, String topic, String key, String value) {
        health.requireUp();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        health.await(emitter.sendMessage(Message.of(value).addMetadata(metadata)).subscribeAsCompletionStage(),
                publishTimeout);
    }
}
