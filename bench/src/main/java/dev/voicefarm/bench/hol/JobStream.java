package dev.voicefarm.bench.hol;

import dev.voicefarm.bench.Latencies;
import dev.voicefarm.worker.jobs.Disposition;
import dev.voicefarm.worker.jobs.JobHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stream of short jobs at a steady rate, optionally with long jobs at fixed moments, and the
 * handler that "computes" them by sleeping their duration. Payloads are {@code short:<id>} or
 * {@code long:<id>}; the handler notes when each finished.
 */
final class JobStream implements JobHandler {

    static final Duration SHORT = Duration.ofMillis(50);
    static final Duration LONG = Duration.ofSeconds(10);
    /** Shorts a second: 40 % of one worker, 20 % of two. */
    static final double SHORT_RATE = 8;
    static final Duration LENGTH = Duration.ofSeconds(23);
    /** Long jobs start 11 s apart, so at most one of the two workers is ever busy with one. */
    static final Duration[] LONG_AT = {Duration.ofSeconds(1), Duration.ofSeconds(12)};

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> finishedAt = new ConcurrentHashMap<>();

    @Override
    public Disposition handle(String topic, String payload, int attempt) throws InterruptedException {
        Duration work = payload.startsWith("long:") ? LONG : SHORT;
        TimeUnit.NANOSECONDS.sleep(work.toNanos());
        finishedAt.put(payload, System.nanoTime());
        return Disposition.DONE;
    }

    /** Sends the stream, short jobs to one topic and long ones to another (or the same), each when it is due. */
    void send(String bootstrap, String topic, String longTopic, boolean mixed) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            int shorts = (int) (LENGTH.toSeconds() * SHORT_RATE);
            int nextLong = 0;
            for (int i = 0; i < shorts; i++) {
                long due = start + (long) (i * 1e9 / SHORT_RATE);
                if (mixed && nextLong < LONG_AT.length && start + LONG_AT[nextLong].toNanos() <= due) {
                    sendAt(producer, longTopic, "long:", start + LONG_AT[nextLong++].toNanos());
                }
                sendAt(producer, topic, "short:", due);
            }
        }
    }

    private void sendAt(KafkaProducer<String, String> producer, String topic, String kind, long due) {
        while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime());
        }
        String payload = kind + UUID.randomUUID();
        sentAt.put(payload, System.nanoTime());
        producer.send(new ProducerRecord<>(topic, payload, payload));
    }

    /** Waits until every job sent has finished, or the deadline. */
    void awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finishedAt.size() < sentAt.size() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    HolRun result(String queue, int partitions, boolean mixed) {
        Latencies shorts = new Latencies();
        double max = 0;
        for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
            Long finished = finishedAt.get(sent.getKey());
            if (finished != null && sent.getKey().startsWith("short:")) {
                shorts.record(finished - sent.getValue());
                max = Math.max(max, (finished - sent.getValue()) / 1e6);
            }
        }
        return new HolRun(queue, partitions, mixed, (int) shorts.count(), shorts.p50Ms(), shorts.p99Ms(), max,
                sentAt.size() - finishedAt.size());
    }
}
