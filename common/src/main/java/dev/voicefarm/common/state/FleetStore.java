package dev.voicefarm.common.state;

import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.fleet.ReceivedHeartbeat;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The fleet registry and routing table in Redis, for the gateway to read. Each live worker has its last heartbeat under
 * {@code farm:worker:<id>}, expiring three heartbeat intervals after it was received, and an entry
 * in the sorted set {@code farm:fleet} scored by that expiry time, so listing the fleet needs no
 * key scan. The scheduler writes; the gateway reads.
 */
public final class FleetStore {

    private static final String FLEET = "farm:fleet";
    private static final String ROUTING = "farm:routing";
    static final Duration STALE = Duration.ofSeconds(30);

    private final UnifiedJedis redis;
    private final Clock clock;

    public FleetStore(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Records heartbeats as their workers sent them, in one round trip, and returns those recorded;
     * a leaving worker is removed
     * at once. A heartbeat more than {@link #STALE} old (replayed after a scheduler restart) says
     * nothing about now and is skipped; the margin tolerates clocks that disagree by that much.
     */
    public List<ReceivedHeartbeat> record(List<ReceivedHeartbeat> heartbeats) {
        long now = clock.millis();
        List<ReceivedHeartbeat> fresh = heartbeats.stream()
                .filter(h -> now - h.at().toEpochMilli() <= STALE.toMillis())
                .toList();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (ReceivedHeartbeat heartbeat : fresh) {
                String key = workerKey(heartbeat.workerId());
                if (heartbeat.leaving()) {
                    pipeline.del(key);
                    pipeline.zrem(FLEET, heartbeat.workerId());
                } else {
                    long expiryMs = heartbeat.expiry().toMillis();
                    pipeline.set(key, heartbeat.json(), SetParams.setParams().px(expiryMs));
                    pipeline.zadd(FLEET, now + expiryMs, heartbeat.workerId());
                }
            }
            pipeline.sync();
        }
        return fresh;
    }

    /** The workers whose last heartbeat has not expired, by worker id. */
    public List<Heartbeat> live() {
        return RedisJson.values(redis, liveKeys(), Heartbeat.class);
    }

    /** The same workers, read only for what the scheduler routes by. */
    public List<ReceivedHeartbeat> liveReceived() {
        return RedisJson.values(redis, liveKeys(), ReceivedHeartbeat::parse);
    }

    private List<String> liveKeys() {
        redis.zremrangeByScore(FLEET, Double.NEGATIVE_INFINITY, clock.millis());
        return redis.zrange(FLEET, 0, -1).stream().map(FleetStore::workerKey).toList();
    }

    public void saveRoutingTable(RoutingTable table) {
        redis.set(ROUTING, Json.encode(table));
    }

    public Optional<RoutingTable> routingTable() {
        return Optional.ofNullable(redis.get(ROUTING)).map(json -> Json.decode(json, RoutingTable.class));
    }

    private static String workerKey(String workerId) {
        return "farm:worker:" + workerId;
    }
}
