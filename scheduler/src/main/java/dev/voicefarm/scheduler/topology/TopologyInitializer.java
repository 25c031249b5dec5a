package dev.voicefarm.scheduler.topology;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.kafka.KafkaTopology;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The scheduler owns the farm's Kafka topology: at start-up it creates every job topic of every
 * hardware class, the event topic, and starts each class's share group at the earliest offset, so
 * a job published for a class before any of its workers joined is still delivered. It also reads
 * the broker's delivery count limit, the attempt budget the supervisor applies.
 */
@ApplicationScoped
public class TopologyInitializer {

    private static final Logger LOG = Logger.getLogger(TopologyInitializer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "farm.kafka.job-partitions", defaultValue = "1")
    int jobPartitions;

    @ConfigProperty(name = "farm.kafka.event-partitions", defaultValue = "3")
    int eventPartitions;

    private volatile int maxAttempts;

    void ensure(@Observes StartupEvent startup) {
        maxAttempts();
    }

    /** The attempt budget of a job: the broker's share-group delivery count limit, read once. */
    public synchronized int maxAttempts() {
        if (maxAttempts == 0) {
            KafkaTopology topology = new KafkaTopology(bootstrapServers, jobPartitions, eventPartitions);
            topology.ensure(EnumSet.allOf(HardwareClass.class));
            maxAttempts = topology.deliveryCountLimit();
            LOG.infof("Kafka topology ready on %s; a job gets %d attempts", bootstrapServers, maxAttempts);
        }
        return maxAttempts;
    }
}
