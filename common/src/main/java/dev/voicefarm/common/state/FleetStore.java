package dev.voicefarm.common.state;

import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The fleet registry and routing table in Redis. Each live worker has its last heartbeat under
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
     * Records a heartbeat; a leaving worker is removed at once. A heartbeat more than
     * {@link #STALE} old (replayed after a scheduler restart) says nothing about now and is ignored;
     * the margin tolerates clocks that disagree by that much.
     */
    public void record(Heartbeat heartbeat) {
        if (clock.millis() - heartbeat.at().toEpochMilli() > STALE.toMillis()) {
            return;
        }
        String key = workerKey(heartbeat.workerId());
        if (heartbeat.leaving()) {
            redis.del(key);
            redis.zrem(FLEET, heartbeat.workerId());
            return;
        }
        long expiryMs = heartbeat.expiry().toMillis();
        redis.set(key, Json.encode(heartbeat), SetParams.setParams().px(expiryMs));
        redis.zadd(FLEET, clock.millis() + expiryMs, heartbeat.workerId());
    }

    /** The workers whose last heartbeat has not expired, by worker id. */
    public List<Heartbeat> live() {
        redis.zremrangeByScore(FLEET, Double.NEGATIVE_INFINITY, clock.millis());
        List<String> keys = redis.zrange(FLEET, 0, -1).stream().map(FleetStore::workerKey).toList();
        return RedisJson.values(redis, keys, Heartbeat.class);
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
