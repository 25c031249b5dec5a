package dev.voicefarm.common.kafka;

import dev.voicefarm.common.fleet.HardwareClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the farm's topics and configures its share groups. Idempotent: every app may call it at
 * start-up. Share groups start at the latest offset by default, so each worker group is set to
 * {@code earliest} here, before any job is published to it; otherwise jobs published before the
 * first worker joined would never be delivered.
 *
 * <p>Job topics have one partition by default, and that is what makes them queues: a share group
 * spreads a partition over several members only when the members outnumber the partitions, so
 * with as many partitions as slots each slot owns its partitions like a consumer-group member, and
 * a long job holds up the jobs queued behind it (measured: bench/results/farm.md, section 2). With
 * one partition every slot of the class takes the next job, whichever slot is free. One partition
 * carries far more jobs a second than a fleet computes.
 */
public final class KafkaTopology {

    private static final long TIMEOUT_SECONDS = 15;
    /** Heartbeats matter for seconds; an hour is kept for debugging. */
    private static final long HEARTBEAT_RETENTION_MS = 3_600_000;
    /**
     * The event log is kept as long as job records (7 days, the default retention): Redis can be
     * rebuilt from it for every job it still shows. Set explicitly rather than left to the broker.
     */
    private static final long EVENT_RETENTION_MS = 7L * 24 * 3_600_000;
    /** Dead letters wait for an operator: kept four weeks. */
    private static final long DEAD_LETTER_RETENTION_MS = 28L * 24 * 3_600_000;
    /** The broker setting that caps deliveries of one record to a share group (KIP-932). */
    static final String DELIVERY_COUNT_LIMIT = "group.share.delivery.count.limit";

    private final String bootstrapServers;
    private final int jobPartitions;
    private final int eventPartitions;

    public KafkaTopology(String bootstrapServers, int jobPartitions, int eventPartitions) {
        this.bootstrapServers = bootstrapServers;
        this.jobPartitions = jobPartitions;
        this.eventPartitions = eventPartitions;
    }

    /** Ensures the event topic and the job topics and share groups of the given classes. */
    public void ensure(Collection<HardwareClass> classes) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(newTopic(Topics.EVENTS, eventPartitions)
                .configs(Map.of("retention.ms", Long.toString(EVENT_RETENTION_MS))));
        topics.add(newTopic(Topics.DEAD_LETTERS, 1)
                .configs(Map.of("retention.ms", Long.toString(DEAD_LETTER_RETENTION_MS))));
        topics.add(newTopic(Topics.HEARTBEATS, eventPartitions)
                .configs(Map.of("retention.ms", Long.toString(HEARTBEAT_RETENTION_MS))));
        for (HardwareClass hardwareClass : classes) {
            Topics.jobTopics(hardwareClass).forEach(t -> topics.add(newTopic(t, jobPartitions)));
        }
        ensure(topics, classes.stream().map(Topics::workerShareGroup).toList());
    }

    /**
     * Ensures topics outside the farm's own layout (a benchmark's, a tool's) with the given
     * partition counts, and share groups on them that start at the earliest offset.
     */
    public void ensure(Map<String, Integer> partitionsByTopic, Collection<String> shareGroups) {
        ensure(partitionsByTopic.entrySet().stream().map(e -> newTopic(e.getKey(), e.getValue())).toList(), shareGroups);
    }

    /**
     * How many times the broker delivers one job record to a share group before it archives it
     * ({@code group.share.delivery.count.limit}, a broker setting in Kafka 4.2). This is the farm's
     * attempt budget: workers and the scheduler read it here, so the two can never disagree.
     */
    public int deliveryCountLimit() {
        try (Admin admin = admin()) {
            var brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                    Integer.toString(brokers.iterator().next().id()));
            ConfigEntry entry = admin.describeConfigs(List.of(broker)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(broker).get(DELIVERY_COUNT_LIMIT);
            if (entry == null || entry.value() == null) {
                throw new IllegalStateException("the broker does not report " + DELIVERY_COUNT_LIMIT);
            }
            return Integer.parseInt(entry.value());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + DELIVERY_COUNT_LIMIT + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("reading the broker's delivery count limit", e);
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS) / 2);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return Admin.create(props);
    }

    private void ensure(List<NewTopic> topics, Collection<String> shareGroups) {
        try (Admin admin = admin()) {
            createMissing(admin, topics);
            if (!shareGroups.isEmpty()) {
                startShareGroupsAtEarliest(admin, shareGroups);
            }
        }
    }

    /** The broker's default replication factor: 1 on the local stack, the cluster's own elsewhere. */
    private static NewTopic newTopic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }

    private static void createMissing(Admin admin, List<NewTopic> topics) {
        admin.createTopics(topics).values().values().forEach(future -> {
            try {
                future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException | TimeoutException e) {
                throw interrupted("creating topics", e);
            }
        });
    }

    private static void startShareGroupsAtEarliest(Admin admin, Collection<String> shareGroups) {
        AlterConfigOp earliest = new AlterConfigOp(
                new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (String group : shareGroups) {
            changes.put(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(earliest));
        }
        try {
            admin.incrementalAlterConfigs(changes).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot configure share groups: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("configuring share groups", e);
        }
    }

    private static IllegalStateException interrupted(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("Kafka did not answer in time while " + what, e);
    }
}
