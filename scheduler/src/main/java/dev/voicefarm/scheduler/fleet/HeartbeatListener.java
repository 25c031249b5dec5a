package dev.voicefarm.scheduler.fleet;

import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.FleetStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the fleet registry (Redis, for the gateway) and the scheduler's {@link LiveFleet} from
 * {@code farm.heartbeats}, a polled batch at a time: one Redis round trip per batch, not two per
 * heartbeat, so 10,000 workers heartbeating cost a fraction of a core. A heartbeat that cannot be
 * stored is dropped: the next one arrives within seconds, and a worker whose heartbeats stop
 * leaves the fleet after three intervals.
 */
@ApplicationScoped
public class HeartbeatListener {

    private static final Logger LOG = Logger.getLogger(HeartbeatListener.class);

    private final FleetStore registry;
    private final LiveFleet live;

    public HeartbeatListener(FleetStore registry, LiveFleet live) {
        this.registry = registry;
        this.live = live;
    }

    @Incoming("heartbeats")
    @Blocking
    public void record(List<String> payloads) {
        List<Heartbeat> heartbeats = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            try {
                heartbeats.add(Json.decode(payload, Heartbeat.class));
            } catch (RuntimeException e) {
                LOG.warnf("heartbeat not recorded: %s", e.getMessage());
            }
        }
        try {
            List<Heartbeat> recorded = registry.record(heartbeats);
            live.record(recorded);
            recorded.stream().filter(Heartbeat::leaving).forEach(h ->
                    LOG.infof("worker %s left the fleet (class %s)", h.workerId(), h.hardwareClass()));
        } catch (RuntimeException e) {
            LOG.warnf("%d heartbeats not recorded: %s", heartbeats.size(), e.getMessage());
        }
    }
}
