package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.routing.JobRouter;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.gateway.routing.Route;
import dev.voicefarm.gateway.routing.VoiceAffinity;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import java.time.Clock;
import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a new job goes, or the 503 that says why the farm cannot take it now. The checks run
 * cheapest-to-explain first, each with its own code: Kafka is down ({@code queue_unavailable}),
 * the routing table is stale because the scheduler stopped updating it ({@code routing_stale}),
 * no live class can run the job ({@code no_worker}). A job for a voice may then go to one worker
 * of the class ({@link VoiceAffinity}); the slots are counted against the jobs this gateway already
 * sent there since the routing table was made, so a burst for one voice does not pile onto one
 * worker (other gateways' sends are not counted: each may add up to the worker's free slots per table).
 */
public final class JobPlacement {

    private static final Duration ROUTING_RETRY = Duration.ofSeconds(10);

    private final QueueHealth queue;
    private final Supplier<RoutingTable> routingTable;
    private final JobRouter router;
    private final Duration maxRoutingAge;
    private final Clock clock;
    private final boolean affinity;
    /** Jobs sent to each worker's own topic since {@link #ledgerTable} was computed: its free slots count them. */
    private final Map<String, Integer> sentSinceTable = new HashMap<>();
    private Instant ledgerTable = Instant.MIN;

    /** @param affinity whether a job for a voice goes to a worker that holds it ({@link VoiceAffinity}) */
    public JobPlacement(QueueHealth queue, Supplier<RoutingTable> routingTable, JobRouter router,
                        Duration maxRoutingAge, Clock clock, boolean affinity) {
        this.queue = queue;
        this.routingTable = routingTable;
        this.router = router;
        this.maxRoutingAge = maxRoutingAge;
        this.clock = clock;
        this.affinity = affinity;
    }

    /**
     * Places a job for a voice ({@link Voice#key}, {@code null} for the base voice) of this family.
     *
     * @throws ApiException 503 {@code queue_unavailable}, {@code routing_stale} or {@code no_worker}
     */
    public Route place(JobKind kind, VoiceFamily family, String voiceKey, Requirements requirements) {
        queue.requireUp();
        RoutingTable table = fresh(routingTable.get());
        Route route;
        try {
            route = router.route(kind, family, requirements, table);
        } catch (JobRouter.NoRouteException e) {
            throw ApiException.unavailable("no_worker", e.getMessage() + "; try again shortly", ROUTING_RETRY);
        }
        if (!affinity || voiceKey == null) {
            return route;
        }
        return table.route(route.hardwareClass()).map(row -> byAffinity(route, row, table, family, voiceKey)).orElse(route);
    }

    private synchronized Route byAffinity(Route route, ClassRoute row, RoutingTable table, VoiceFamily family,
                                          String voiceKey) {
        if (!table.computedAt().equals(ledgerTable)) {
            // The new table's free slots already count what was sent before it.
            sentSinceTable.clear();
            ledgerTable = table.computedAt();
        }
        double secondsSinceTable = Duration.between(table.computedAt(), clock.instant()).toMillis() / 1000.0;
        return VoiceAffinity.choose(row, family, route.vramTier(), voiceKey, w -> sentSinceTable.getOrDefault(w, 0),
                        secondsSinceTable)
                .map(choice -> {
                    sentSinceTable.merge(choice.worker().workerId(), 1, Integer::sum);
                    return route.toWorker(choice.worker().workerId(), choice.reason(voiceKey));
                })
                .orElse(route);
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
