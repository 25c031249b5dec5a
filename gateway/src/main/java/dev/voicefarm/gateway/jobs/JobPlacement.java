package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.routing.JobRouter;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.gateway.routing.Route;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Where a new job goes, or the 503 that says why the farm cannot take it now. The checks run
 * cheapest-to-explain first, each with its own code: Kafka is down ({@code queue_unavailable}),
 * the routing table is stale because the scheduler stopped updating it ({@code routing_stale}),
 * no live class can run the job ({@code no_worker}).
 */
public final class JobPlacement {

    private static final Duration ROUTING_RETRY = Duration.ofSeconds(10);

    private final QueueHealth queue;
    private final Supplier<RoutingTable> routingTable;
    private final JobRouter router;
    private final Duration maxRoutingAge;
    private final Clock clock;

    public JobPlacement(QueueHealth queue, Supplier<RoutingTable> routingTable, JobRouter router,
                        Duration maxRoutingAge, Clock clock) {
        this.queue = queue;
        this.routingTable = routingTable;
        this.router = router;
        this.maxRoutingAge = maxRoutingAge;
        this.clock = clock;
    }

    /** @throws ApiException 503 {@code queue_unavailable}, {@code routing_stale} or {@code no_worker} */
    public Route place(JobKind kind, Requirements requirements) {
        queue.requireUp();
        RoutingTable table = fresh(routingTable.get());
        try {
            return router.route(kind, requirements, table);
        } catch (JobRouter.NoRouteException e) {
            throw ApiException.unavailable("no_worker", e.getMessage() + "; try again shortly", ROUTING_RETRY);
        }
    }

    /** A table the scheduler no longer updates describes a fleet that may be gone: routing by it would guess. */
    private RoutingTable fresh(RoutingTable table) {
        if (table.equals(RoutingTableSource.NONE)) {
            throw ApiException.unavailable("routing_stale", "there is no routing table: the scheduler (the control "
                    + "plane) has not published one, so the gateway cannot tell which workers are live; "
                    + "try again shortly", ROUTING_RETRY);
        }
        Duration age = Duration.between(table.computedAt(), clock.instant());
        if (age.compareTo(maxRoutingAge) > 0) {
            throw ApiException.unavailable("routing_stale", "the routing table is " + age.toSeconds()
                    + " s old (the limit is " + maxRoutingAge.toSeconds() + " s): the scheduler (the control plane) "
                    + "is not updating it, so the gateway cannot tell which workers are live; try again shortly",
                    ROUTING_RETRY);
        }
        return table;
    }
}
