package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.state.FleetStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The scheduler's routing table as the gateway sees it: read from Redis at most every
 * {@code farm.gateway.routing-cache}. Without a table (no scheduler has run yet), it is {@link #NONE}.
 */
@ApplicationScoped
public class RoutingTableSource {

    /** The table before any scheduler has published one: no class, computed at the epoch. */
    public static final RoutingTable NONE = new RoutingTable(Instant.EPOCH, List.of());

    private final FleetStore fleet;
    private final long cacheMillis;
    private RoutingTable cached;
    private long readAt;

    public RoutingTableSource(FleetStore fleet,
                              @ConfigProperty(name = "farm.gateway.routing-cache", defaultValue = "500ms")
                              java.time.Duration cache) {
        this.fleet = fleet;
        this.cacheMillis = cache.toMillis();
    }

    public synchronized RoutingTable current() {
        long now = System.currentTimeMillis();
        if (cached == null || now - readAt >= cacheMillis) {
            try {
                cached = fleet.routingTable().orElse(NONE);
                readAt = now;
            } catch (JedisException e) {
                if (cached == null) {
                    throw e;
                }
                // Redis is away for a moment: the last table read is better than refusing every job.
            }
        }
        return cached;
    }
}
