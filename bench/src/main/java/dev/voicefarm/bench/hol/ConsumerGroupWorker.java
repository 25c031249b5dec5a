package dev.voicefarm.bench.hol;

import dev.voicefarm.worker.jobs.JobHandler;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The baseline the farm does not use: a classic consumer-group worker. Partitions are divided
 * among the group's members, and each member works through its partitions in order, one record
 * per poll, committing after each. A long job holds up every job behind it in its partitions.
 */
final class ConsumerGroupWorker implements Runnable {

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final JobHandler handler;
    private volatile boolean running = true;
    private volatile boolean assigned;

    ConsumerGroupWorker(String bootstrap, String group, String topic, JobHandler handler) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
        this.handler = handler;
    }

    /** True once the group has given this member its partitions. */
    boolean isAssigned() {
        return assigned;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try (consumer) {
            consumer.subscribe(List.of(topic));
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    handler.handle(record.topic(), record.value(), 1);
                    consumer.commitSync();
                }
                assigned = !consumer.assignment().isEmpty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
