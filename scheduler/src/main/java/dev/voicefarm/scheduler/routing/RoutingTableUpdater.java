package dev.voicefarm.scheduler.routing;

import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.state.FleetStore;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.scheduler.fleet.LiveFleet;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/** Recomputes the routing table every second from the live fleet and publishes it in Redis for the gateway. */
@ApplicationScoped
public class RoutingTableUpdater {

    private static final Logger LOG = Logger.getLogger(RoutingTableUpdater.class);

    private final LiveFleet fleet;
    private final FleetStore registry;
    private final JobStore jobs;
    private final JobTimes times;
    private final AtomicReference<RoutingTable> latest = new AtomicReference<>();

    public RoutingTableUpdater(LiveFleet fleet, FleetStore registry, JobStore jobs, JobTimes times) {
        this.fleet = fleet;
        this.registry = registry;
        this.jobs = jobs;
        this.times = times;
    }

    @Scheduled(every = "${farm.scheduler.routing-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void update() {
        try {
            RoutingTable table = RoutingTables.compute(Instant.now(), fleet.live(), jobs::waiting, times::meanSeconds);
            registry.saveRoutingTable(table);
            latest.set(table);
        } catch (RuntimeException e) {
            LOG.warnf("routing table not updated: %s", e.getMessage());
        }
    }

    /** The table computed last, or {@code null} before the first run. */
    public RoutingTable latest() {
        return latest.get();
    }
}
