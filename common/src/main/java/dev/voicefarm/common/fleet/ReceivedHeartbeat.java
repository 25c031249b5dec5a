package dev.voicefarm.common.fleet;

import dev.voicefarm.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;


/**
 * A heartbeat as it arrives on {@code farm.heartbeats}, read for what the scheduler needs (who,
 * when, whether leaving, the capacity the routing table counts) without building the whole
 * {@link Heartbeat}, whose hardware profile is most of it. The JSON is kept, so the registry
 * stores the heartbeat as the worker sent it.
 */
public record ReceivedHeartbeat(String workerId, Instant at, Duration expiry, boolean leaving,
                                WorkerCapacity capacity, String json) {

    /** @throws IllegalArgumentException when the text is not a heartbeat */
    public static ReceivedHeartbeat parse(String json) {
        View view = Json.decode(json, View.class);
        if (view.workerId() == null || view.hardwareClass() == null || view.limits() == null || view.at() == null
                || view.interval() == null) {
            throw new IllegalArgumentException("not a valid Heartbeat: workerId, hardwareClass, limits, at and "
                    + "interval are required");
        }
        return new ReceivedHeartbeat(view.workerId(), view.at(), Heartbeat.expiryOf(view.interval()), view.leaving(),
                WorkerCapacity.of(view.workerId(), view.hardwareClass(), view.limits(), view.freeSlots(),
                        EngineStatus.families(EngineStatus.reported(view.engines())), view.voices()),
                json);
    }

    public static ReceivedHeartbeat of(Heartbeat heartbeat) {
        return new ReceivedHeartbeat(heartbeat.workerId(), heartbeat.at(), heartbeat.expiry(), heartbeat.leaving(),
                WorkerCapacity.of(heartbeat), Json.encode(heartbeat));
    }

    /** The fields of a heartbeat read here; Jackson skips the rest without building it. */
    record View(String workerId, HardwareClass hardwareClass, WorkerLimits limits, int freeSlots,
                Instant at, Duration interval, boolean leaving, List<EngineStatus> engines, List<String> voices) {
    }
}
