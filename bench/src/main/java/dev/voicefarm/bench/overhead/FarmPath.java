package dev.voicefarm.bench.overhead;

import dev.voicefarm.bench.GatewayClient;
import dev.voicefarm.bench.Target;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * Jobs through the whole farm as a client sees it: POST /v1/synthesis (202 after Kafka's ack),
 * then the job's SUCCEEDED event on {@code farm.events}, which the worker publishes after the WAV
 * is in S3. Verified afterwards where a client looks: the job's state in Redis and its WAV in S3.
 */
final class FarmPath implements JobPath {

    private static final String SUCCEEDED = "\"status\":\"SUCCEEDED\"";
    private static final String FAILED = "\"status\":\"FAILED\"";
    private static final String RUNNING = "\"status\":\"RUNNING\"";
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final GatewayClient gateway;
    private final Map<String, Long> finished = new ConcurrentHashMap<>();
    /** Each job's steps, for {@link #takePhases}: made by whichever step is seen first. */
    private final Map<String, Stamps> stamps = new ConcurrentHashMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private final Thread watcher;
    private final RedisClient redis;
    private final ArtifactStore artifacts;
    private volatile boolean watching = true;

    /** With {@code trackPhases}, the watcher also decodes the events' stamps for {@link #takePhases}. */
    private final boolean trackPhases;

    FarmPath(Target target, boolean trackPhases) {
        this.trackPhases = trackPhases;
        this.gateway = new GatewayClient(target.gatewayUrl(), target.apiKey());
        this.redis = target.redis();
        this.artifacts = target.artifacts();
        KafkaConsumer<String, String> events = eventsFromNow(target.kafka());
        this.watcher = new Thread(() -> watch(events), "farm-events");
        watcher.start();
    }

    @Override
    public String name() {
        return "farm";
    }

    @Override
    public CompletableFuture<String> submit() {
        long submitted = System.currentTimeMillis();
        return gateway.submit("{\"text\":\"Benchmark sentence number " + counter.incrementAndGet()
                + ".\",\"language\":\"en\"}").thenApply(id -> {
                    if (trackPhases) {
                        Stamps job = stampsOf(id);
                        job.accepted = System.currentTimeMillis();
                        job.submitted = submitted;
                    }
                    return id;
                });
    }

    /**
     * Where the time of each job submitted since the last call went, by job id, and forgets them:
     * only jobs whose every step was seen.
     */
    Map<String, JobPhases> takePhases() {
        Map<String, JobPhases> phases = new java.util.HashMap<>();
        for (String id : List.copyOf(stamps.keySet())) {
            stamps.remove(id).phases().ifPresent(p -> phases.put(id, p));
        }
        return phases;
    }

    private Stamps stampsOf(String id) {
        return stamps.computeIfAbsent(id, key -> new Stamps());
    }

    /**
     * Wall-clock milliseconds of one job's steps, 0 until seen. The submitting threads write the
     * first two, the watcher the rest.
     */
    private static final class Stamps {
        volatile long submitted;
        volatile long accepted;
        volatile long running;
        volatile long succeeded;
        volatile long seen;

        /** Empty while any step is unknown. */
        Optional<JobPhases> phases() {
            if (submitted == 0 || accepted == 0 || running == 0 || succeeded == 0 || seen == 0) {
                return Optional.empty();
            }
            return Optional.of(new JobPhases(accepted - submitted, running - accepted, succeeded - running, seen - succeeded));
        }
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
     * The scheduler folds the SUCCEEDED event into Redis a moment after it is on farm.events, so
     * the state is given {@link #SETTLE} to arrive before a job counts as missing.
     */
    @Override
    public int unverified(Collection<String> ids) throws InterruptedException {
        List<String> pending = List.copyOf(ids);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            pending = notSucceededInRedis(pending);
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return pending.size()
                + StoredAudio.missing(artifacts, ids, id -> ObjectKeys.jobAudio(Target.TENANT, id, 1));
    }

    private List<String> notSucceededInRedis(List<String> ids) {
        List<Response<String>> states;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            states = ids.stream().map(id -> pipeline.hget("farm:job:" + id, "status")).toList();
            pipeline.sync();
        }
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!"SUCCEEDED".equals(states.get(i).get())) {
                pending.add(ids.get(i));
            }
        }
        return pending;
    }

    @Override
    public void close() {
        watching = false;
        try {
            watcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
        artifacts.close();
    }

    private void watch(KafkaConsumer<String, String> events) {
        try (events) {
            while (watching) {
                for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(100))) {
                    if (record.value().contains(SUCCEEDED)) {
                        finished.putIfAbsent(record.key(), System.nanoTime());
                        if (trackPhases) {
                            Stamps job = stampsOf(record.key());
                            if (job.succeeded == 0) {
                                job.seen = System.currentTimeMillis();
                                job.succeeded = stamped(record);
                            }
                        }
                    } else if (record.value().contains(RUNNING)) {
                        if (trackPhases) {
                            Stamps job = stampsOf(record.key());
                            if (job.running == 0) { // the first: keep-alives repeat it
                                job.running = stamped(record);
                            }
                        }
                    } else if (record.value().contains(FAILED)) {
                        failed.add(record.key());
                    }
                }
            }
        }
    }

    /** The event's own time; 0 (its job left without phases) for an event that does not decode. */
    private static long stamped(ConsumerRecord<String, String> record) {
        try {
            return Json.decode(record.value(), JobEvent.class).at().toEpochMilli();
        } catch (IllegalArgumentException e) {
            System.err.println("farm-events: undecodable event of job " + record.key() + ": " + e.getMessage());
            return 0;
        }
    }

    /** A consumer of every partition of farm.events, positioned at their ends before any job is sent. */
    private static KafkaConsumer<String, String> eventsFromNow(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end offsets now, not at the first poll
        return consumer;
    }
}
