package dev.voicefarm.bench.overhead;

import dev.voicefarm.bench.Target;
import dev.voicefarm.common.kafka.KafkaTopology;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * The same work with no farm in between: one Kafka produce (acks=all, idempotent, as the gateway
 * sends) and one consume per job, one S3 PUT of the same WAV through the same client, one Redis
 * write. One consumer per worker slot, each on its own partition, committing after each poll.
 */
final class RawPath implements JobPath {

    static final String TOPIC = "bench.raw";
    private static final String KEY_PREFIX = "bench:raw:";

    private final byte[] wav;
    private final KafkaProducer<String, String> producer;
    private final RedisClient redis;
    private final ArtifactStore artifacts;
    private final List<Thread> consumers = new ArrayList<>();
    private final Map<String, Long> finished = new ConcurrentHashMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final String payload;
    private volatile boolean consuming = true;

    RawPath(Target target, byte[] wav, String payload) {
        this.wav = wav;
        this.payload = payload;
        this.redis = target.redis();
        this.artifacts = target.artifacts();
        new KafkaTopology(target.kafka(), 1, 1).ensure(Map.of(TOPIC, target.workerSlots()), List.of());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        for (int partition = 0; partition < target.workerSlots(); partition++) {
            KafkaConsumer<String, String> consumer = consumer(target.kafka(), partition);
            Thread thread = new Thread(() -> consume(consumer), "raw-consumer-" + partition);
            consumers.add(thread);
            thread.start();
        }
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public CompletableFuture<String> submit() {
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> accepted = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(TOPIC, id, payload), (metadata, error) -> {
            if (error == null) {
                accepted.complete(id);
            } else {
                accepted.completeExceptionally(error);
            }
        });
        return accepted;
    }

    @Override
    public Map<String, Long> finished() {
        return finished;
    }

    @Override
    public Collection<String> failed() {
        return failed;
    }

    /**
     * Counts the jobs whose WAV is missing, and removes their Redis keys: the raw path's writes are
     * not the farm's state, and must not count in the Redis memory measured later.
     */
    @Override
    public int unverified(Collection<String> ids) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            ids.forEach(id -> pipeline.del(KEY_PREFIX + id));
            pipeline.sync();
        }
        return StoredAudio.missing(artifacts, ids, RawPath::objectKey);
    }

    @Override
    public void close() {
        consuming = false;
        for (Thread consumer : consumers) {
            try {
                consumer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close();
        redis.close();
        artifacts.close();
    }

    private void consume(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (consuming) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> record : records) {
                    try {
                        artifacts.put(ObjectKeys.ARTIFACTS_BUCKET, objectKey(record.key()), wav, "audio/wav");
                        redis.hset(KEY_PREFIX + record.key(), "status", "SUCCEEDED");
                        finished.put(record.key(), System.nanoTime());
                    } catch (RuntimeException e) {
                        failed.add(record.key());
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        }
    }

    private static String objectKey(String id) {
        return "bench/raw/" + id + ".wav";
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, int partition) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        TopicPartition assigned = new TopicPartition(TOPIC, partition);
        consumer.assign(List.of(assigned));
        consumer.seekToEnd(List.of(assigned));
        consumer.position(assigned);
        return consumer;
    }
}
