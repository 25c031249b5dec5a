package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.jobs.DeadLetter;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes job events on {@code farm.events} and waits for the broker's acknowledgement
 * (acks=all, idempotent), so an event the worker acted upon is never only in memory. Heartbeats
 * share the producer and are sent without waiting.
 */
public class EventPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final long SEND_TIMEOUT_SECONDS = 15;

    private final KafkaProducer<String, String> producer;

    public EventPublisher(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** @throws EventNotPublishedException when the broker did not acknowledge the event in time */
    public void publish(JobEvent event) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(Topics.EVENTS, event.jobId(), Json.encode(event)))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new EventNotPublishedException(event, cause);
        }
    }

    /** Publishes a dead letter on {@code farm.dlq} and waits for the broker's acknowledgement. */
    public void deadLetter(DeadLetter letter) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, letter.jobId(), Json.encode(letter)))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead letter of job " + letter.jobId() + " not published: "
                    + (e instanceof ExecutionException ? e.getCause() : e), e);
        }
    }

    /** Sends a heartbeat without waiting: the next one follows in a few seconds anyway. */
    public void heartbeat(Heartbeat heartbeat) {
        producer.send(new ProducerRecord<>(Topics.HEARTBEATS, heartbeat.workerId(), Json.encode(heartbeat)),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.warnf("heartbeat of %s not sent: %s", heartbeat.workerId(), error.getMessage());
                    }
                });
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Kafka did not take an event. */
    public static final class EventNotPublishedException extends RuntimeException {
        EventNotPublishedException(JobEvent event, Throwable cause) {
            super("event " + event.status() + " of job " + event.jobId() + " not published: " + cause, cause);
        }
    }
}
