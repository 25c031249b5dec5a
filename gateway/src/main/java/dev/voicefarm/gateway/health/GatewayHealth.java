package dev.voicefarm.gateway.health;

import dev.voicefarm.common.health.DependencyChecks;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.gateway.Stores;
import dev.voicefarm.gateway.jobs.QueueHealth;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway's readiness, one check per dependency: Redis (jobs, keys, the routing table), S3
 * (presigned URLs, uploads), Kafka (as its queue probe saw it last, twice a second) and the routing
 * table's age (the scheduler publishes it every second; older than {@code farm.gateway.max-routing-age}
 * and jobs are refused with {@code routing_stale}). Not ready means it cannot take new jobs; it may
 * still answer reads.
 */
@ApplicationScoped
public class GatewayHealth {

    @Produces
    @Readiness
    HealthCheck redis(Stores stores) {
        return DependencyChecks.redis(stores::redis);
    }

    @Produces
    @Readiness
    HealthCheck s3(ArtifactStore artifacts) {
        return DependencyChecks.s3(() -> artifacts);
    }

    @Produces
    @Readiness
    HealthCheck kafka(QueueHealth queue) {
        return DependencyChecks.named("kafka", () -> {
            queue.outage().ifPresent(cause -> {
                throw new IllegalStateException(cause);
            });
            return "the queue probe reached the cluster";
        });
    }

    @Produces
    @Readiness
    HealthCheck routingTable(RoutingTableSource routing,
                             @ConfigProperty(name = "farm.gateway.max-routing-age", defaultValue = "10s") Duration maxAge) {
        return DependencyChecks.fresh("routing-table", () -> routing.current().computedAt(), maxAge);
    }
}
