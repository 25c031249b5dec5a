package dev.voicefarm.gateway.deadletters;

import dev.voicefarm.common.jobs.DeadLetter;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The newest dead letters, read from the end of {@value Topics#DEAD_LETTERS}: an operator's view of
 * the jobs that spent their budget. Read on demand with a consumer that joins no group and commits
 * nothing (the topic is the record; nobody consumes it for work), so looking never moves anything.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> settings;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "voicefarm-gateway-dead-letters",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis());
    }

    /**
     * Up to {@code limit} of the newest dead letters, newest first.
     *
     * @throws ApiException 503 when Kafka does not answer in time
     */
    public List<DeadLetter> newest(int limit) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(starts.get(partition), ends.get(partition) - limit));
            }
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    decode(record).ifPresent(letters::add);
                }
            }
            return letters.stream().sorted(Comparator.comparing(DeadLetter::at, Comparator.nullsLast(Comparator.reverseOrder())))
                    .limit(limit).toList();
        } catch (KafkaException e) {
            LOG.warnf("dead letters not read: %s", e.getMessage());
            throw ApiException.unavailable("queue_unavailable", "the dead letters could not be read from Kafka: " + e.getMessage(),
                    Duration.ofSeconds(5));
        }
    }

    /** A record that is not a dead letter (written by hand, by an older version) is skipped, not a 500 for the whole list. */
    private static java.util.Optional<DeadLetter> decode(ConsumerRecord<String, String> record) {
        try {
            return java.util.Optional.of(Json.decode(record.value(), DeadLetter.class));
        } catch (IllegalArgumentException e) {
            LOG.warnf("dead letter at %s-%d offset %d skipped: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
