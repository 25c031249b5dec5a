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
        topics.add(newTopic(Topics.EVENTS, eventPartitions));
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

    private void ensure(List<NewTopic> topics, Collection<String> shareGroups) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS) / 2);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        try (Admin admin = Admin.create(props)) {
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
