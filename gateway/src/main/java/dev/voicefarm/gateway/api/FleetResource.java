package dev.voicefarm.gateway.api;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.state.FleetStore;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import dev.voicefarm.gateway.tenants.CallerContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/fleet}: every class with its capacity, backlog and estimated wait, which is what a
 * user needs to choose requirements; admin keys also see every live worker (ids, hosts' profiles,
 * load), which users do not.
 */
@Path("/v1/fleet")
@Produces(MediaType.APPLICATION_JSON)
public class FleetResource {

    /**
     * The fleet as the API shows it; {@code routingTableAt} says how fresh the class figures are;
     * {@code workers} (with the voices each holds) only for admins.
     */
    public record Fleet(Instant routingTableAt, List<ClassRoute> classes, List<Heartbeat> workers) {
    }

    private final FleetStore fleet;
    private final RoutingTableSource routing;

    private final CallerContext caller;

    public FleetResource(FleetStore fleet, RoutingTableSource routing, CallerContext caller) {
        this.fleet = fleet;
        this.routing = routing;
        this.caller = caller;
    }

    @GET
    public Fleet get() {
        var table = routing.current();
        return new Fleet(table.computedAt(), table.classes().stream().map(ClassRoute::withoutWorkers).toList(),
                caller.get().admin() ? fleet.live() : null);
    }
}
