package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.JobConsumers;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.scheduler.routing.RoutingTableUpdater;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Moves the jobs left on a departed worker's own topic ({@link Topics#direct}: routing sent it jobs
 * for the voices it held) to their shared queues, so they run elsewhere. Every interval it lists
 * the workers' own topics; one whose worker is not in the routing table's live fleet is drained
 * through the class's share group: each record is republished on its job's shared topic, and only
 * once Kafka acknowledged that (acks=all) is the record accepted. A drain that is cut short
 * releases what it held, so nothing is lost; a job moved twice (a drain cut between publish and
 * accept) is one job with two records, which the workers already tell apart by its state. Because
 * the drainer is a member of the same share group, a worker that was only partitioned away and
 * still reads its topic never gets a record the drainer took, and the other way round.
 *
 * <p>A topic with nothing left for the group is not drained; once its worker has been gone for the
 * grace period it is deleted.
 */
@ApplicationScoped
public class DirectQueueRescue {

    private static final Logger LOG = Logger.getLogger(DirectQueueRescue.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    /** A drain stops after this long without a record (joining the group takes a few seconds). */
    private static final Duration QUIET = Duration.ofSeconds(6);
    private static final Duration MAX_DRAIN = Duration.ofSeconds(60);

    private final RoutingTableUpdater routing;
    private final MutinyEmitter<String> jobs;
    private final String bootstrapServers;
    private final Duration grace;
    private final Map<String, Instant> orphanedSince = new HashMap<>();
    /** Made at the first pass and kept: it reconnects by itself after a broker outage. */
    private Admin admin;

    public DirectQueueRescue(RoutingTableUpdater routing,
                             @Channel("rescued-jobs") MutinyEmitter<String> jobs,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                             @ConfigProperty(name = "farm.scheduler.direct-topic-grace", defaultValue = "10m") Duration grace) {
        this.routing = routing;
        this.jobs = jobs;
        this.bootstrapServers = bootstrapServers;
        this.grace = grace;
    }

    @Scheduled(every = "${farm.scheduler.rescue-interval:10s}", delay = 10, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rescue() {
        RoutingTable table = routing.latest();
        if (table == null) {
            return;
        }
        try {
            if (admin == null) {
                admin = Admin.create(adminProperties());
            }
            Set<String> orphans = orphanedTopics(admin.listTopics().names().get(10, TimeUnit.SECONDS), table);
            orphanedSince.keySet().retainAll(orphans);
            Instant now = Instant.now();
            for (String topic : orphans) {
                Instant since = orphanedSince.computeIfAbsent(topic, t -> now);
                if (hasWaitingRecords(admin, topic)) {
                    drain(topic);
                } else if (since.plus(grace).isBefore(now)) {
                    admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
                    orphanedSince.remove(topic);
                    LOG.infof("deleted %s: its worker left more than %s ago and nothing was left on it", topic, grace);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Kafka away: the topics stay where they are and the next interval tries again.
            LOG.warnf("departed workers' topics not checked this interval: %s", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** The workers' own topics of every class whose worker is not live. */
    static Set<String> orphanedTopics(Set<String> topics, RoutingTable table) {
        Set<String> live = table.classes().stream()
                .flatMap(route -> route.workers().stream())
                .map(worker -> Topics.direct(worker.hardwareClass(), worker.workerId()))
                .collect(Collectors.toSet());
        return topics.stream()
                .filter(topic -> table.classes().stream().map(ClassRoute::hardwareClass)
                        .anyMatch(c -> Topics.isDirect(topic, c)))
                .filter(topic -> !live.contains(topic))
                .collect(Collectors.toSet());
    }

    /**
     * Whether the class's share group has records of the topic it has not finished with: its lag
     * (Kafka 4.3 reports it per share partition), or, where the group has none yet, whether anything
     * was ever written. Draining costs a group join, so a topic with nothing left is not drained.
     */
    private static boolean hasWaitingRecords(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicPartition partition = new TopicPartition(topic, 0);
        String group = Topics.workerShareGroup(classOf(topic));
        SharePartitionOffsetInfo state = admin.listShareGroupOffsets(Map.of(group,
                        new ListShareGroupOffsetsSpec().topicPartitions(List.of(partition))))
                .partitionsToOffsetInfo(group).get(10, TimeUnit.SECONDS).get(partition);
        if (state != null && state.lag().isPresent()) {
            return state.lag().get() > 0;
        }
        long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                .get(10, TimeUnit.SECONDS).offset();
        return end > (state == null ? 0 : Math.max(0, state.startOffset()));
    }

    /**
     * Moves what is on the topic. It stops at the first record it
     * could not republish: each delivery counts toward the broker's limit, so a record is not handed
     * round while Kafka refuses writes.
     */
    private void drain(String topic) {
        HardwareClass hardwareClass = classOf(topic);
        int seen = 0;
        int moved = 0;
        try (KafkaShareConsumer<String, String> consumer = JobConsumers.oneAtATime(bootstrapServers,
                Topics.workerShareGroup(hardwareClass), "scheduler-rescue")) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(MAX_DRAIN);
            Instant quietUntil = Instant.now().plus(QUIET);
            boolean refused = false;
            while (!refused && Instant.now().isBefore(deadline) && Instant.now().isBefore(quietUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    seen++;
                    quietUntil = Instant.now().plus(QUIET);
                    refused = !move(record);
                    consumer.acknowledge(record, refused ? AcknowledgeType.RELEASE : AcknowledgeType.ACCEPT);
                    moved += refused ? 0 : 1;
                }
                consumer.commitSync();
            }
        }
        if (seen > 0) {
            LOG.infof("moved %d of %d job(s) from %s, whose worker left the fleet, to their shared queues", moved,
                    seen, topic);
        }

    }

    /** Republishes one job on its shared topic; false when Kafka did not take it (the record goes back). */
    private boolean move(ConsumerRecord<String, String> record) {
        SynthesisJob job;
        try {
            job = Json.decode(record.value(), SynthesisJob.class).withoutAffinity();
        } catch (IllegalArgumentException e) {
            LOG.errorf("dropping an undecodable record from %s: %s", record.topic(), e.getMessage());
            return true;
        }
        try {
            jobs.sendMessage(Message.of(Json.encode(job)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(Topics.jobs(job)).withKey(job.jobId()).build())).await().atMost(SEND_TIMEOUT);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("job %s (tenant %s) not moved from %s yet: %s", job.jobId(), job.tenant(), record.topic(),
                    e.getMessage());
            return false;
        }
    }

    private static HardwareClass classOf(String topic) {
        return Arrays.stream(HardwareClass.values()).filter(c -> Topics.isDirect(topic, c)).findFirst()
                .orElseThrow();
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return props;
    }
}
