package dev.voicefarm.scheduler.health;

import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.health.DependencyChecks;
import dev.voicefarm.common.kafka.KafkaPing;
import dev.voicefarm.scheduler.Stores;
import dev.voicefarm.scheduler.routing.RoutingTableUpdater;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * The scheduler's readiness, one check per dependency: Kafka, Redis, S3, and the routing table it
 * computes every second (older than ten seconds means its loop cannot reach Redis or is stuck).
 * SmallRye Reactive Messaging adds its own check of the event channels.
 */
@ApplicationScoped
public class SchedulerHealth {

    private static final Duration MAX_TABLE_AGE = Duration.ofSeconds(10);

    private final KafkaPing kafka;

    public SchedulerHealth(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.kafka = new KafkaPing(bootstrapServers, "voicefarm-scheduler-health", Duration.ofSeconds(1));
    }

    @PreDestroy
    void close() {
        kafka.close();
    }

    @Produces
    @Readiness
    HealthCheck kafka() {
        return DependencyChecks.kafka(kafka);
    }

    @Produces
    @Readiness
    HealthCheck redis(Stores stores) {
        return DependencyChecks.redis(stores::redis);
    }

    @Produces
    @Readiness
    HealthCheck s3(Stores stores) {
        return DependencyChecks.s3(stores::artifacts);
    }

    @Produces
    @Readiness
    HealthCheck routingTable(RoutingTableUpdater updater) {
        return DependencyChecks.fresh("routing-table",
                () -> Optional.ofNullable(updater.latest()).map(RoutingTable::computedAt).orElse(null), MAX_TABLE_AGE);
    }
}
