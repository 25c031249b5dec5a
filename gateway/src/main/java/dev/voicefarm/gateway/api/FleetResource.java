package dev.voicefarm.gateway.api;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.state.FleetStore;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/fleet}: every class with its capacity and backlog, every live worker. */
@Path("/v1/fleet")
@Produces(MediaType.APPLICATION_JSON)
public class FleetResource {

    /** The fleet as the API shows it; {@code routingTableAt} says how fresh the class figures are. */
    public record Fleet(Instant routingTableAt, List<ClassRoute> classes, List<Heartbeat> workers) {
    }

    private final FleetStore fleet;
    private final RoutingTableSource routing;

    public FleetResource(FleetStore fleet, RoutingTableSource routing) {
        this.fleet = fleet;
        this.routing = routing;
    }

    @GET
    public Fleet get() {
        var table = routing.current();
        return new Fleet(table.computedAt(), table.classes(), fleet.live());
    }
}
