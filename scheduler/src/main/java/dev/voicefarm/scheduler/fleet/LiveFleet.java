package dev.voicefarm.scheduler.fleet;

import dev.voicefarm.common.fleet.ReceivedHeartbeat;
import dev.voicefarm.common.fleet.WorkerCapacity;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live fleet as the scheduler's heartbeat consumer saw it: the same rule as the registry in
 * Redis (a worker lives three intervals after its last heartbeat, a leaving worker goes at once),
 * kept in memory so the routing table is computed every second without reading the whole
 * registry back from Redis. Only each worker's capacity is kept, not its heartbeat: at 10,000
 * workers the heartbeats would be tens of megabytes the garbage collector copies again and again.
 * Thread-safe.
 */
public final class LiveFleet {

    private record Entry(WorkerCapacity capacity, long expiresAtMillis) {
    }

    private final Map<String, Entry> workers = new ConcurrentHashMap<>();
    private final Clock clock;

    public LiveFleet(Clock clock) {
        this.clock = clock;
    }

    /** Heartbeats just received (or read from the registry at start-up) refresh their workers. */
    public void record(Collection<ReceivedHeartbeat> heartbeats) {
        long now = clock.millis();
        for (ReceivedHeartbeat heartbeat : heartbeats) {
            if (heartbeat.leaving()) {
                workers.remove(heartbeat.workerId());
            } else {
                workers.put(heartbeat.workerId(), new Entry(heartbeat.capacity(), now + heartbeat.expiry().toMillis()));
            }
        }
    }

    /** The workers heard from within their expiry; the others are forgotten. */
    public List<WorkerCapacity> live() {
        long now = clock.millis();
        workers.values().removeIf(entry -> entry.expiresAtMillis() <= now);
        return workers.values().stream().map(Entry::capacity).toList();
    }
}
