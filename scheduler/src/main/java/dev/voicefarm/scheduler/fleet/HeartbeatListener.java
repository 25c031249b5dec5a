package dev.voicefarm.scheduler.fleet;

import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.FleetStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the fleet registry from {@code farm.heartbeats}. A heartbeat that cannot be stored is
 * dropped: the next one arrives within seconds, and a worker whose heartbeats stop leaves the
 * fleet after three intervals.
 */
@ApplicationScoped
public class HeartbeatListener {

    private static final Logger LOG = Logger.getLogger(HeartbeatListener.class);

    private final FleetStore fleet;

    public HeartbeatListener(FleetStore fleet) {
        this.fleet = fleet;
    }

    @Incoming("heartbeats")
    @Blocking
    public void record(String payload) {
        try {
            Heartbeat heartbeat = Json.decode(payload, Heartbeat.class);
            fleet.record(heartbeat);
            if (heartbeat.leaving()) {
                LOG.infof("worker %s left the fleet (class %s)", heartbeat.workerId(), heartbeat.hardwareClass());
            }
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat not recorded: %s", e.getMessage());
        }
    }
}
