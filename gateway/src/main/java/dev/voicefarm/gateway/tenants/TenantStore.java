package dev.voicefarm.gateway.tenants;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.RedisJson;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Tenants in Redis: each as JSON under {@code farm:tenant:<id>}, their ids in the sorted set
 * {@code farm:tenants} by creation time, and the bytes of datasets each has stored under
 * {@code farm:tenant-usage:<id>:dataset-bytes}.
 */
public final class TenantStore {

    private static final String TENANTS = "farm:tenants";

    private final UnifiedJedis redis;

    public TenantStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** @return false when a tenant with this id exists already (it is left as it is) */
    public boolean create(Tenant tenant) {
        if (redis.set(key(tenant.id()), Json.encode(tenant), SetParams.setParams().nx()) == null) {
            return false;
        }
        redis.zadd(TENANTS, tenant.createdAt().toEpochMilli(), tenant.id());
        return true;
    }

    public void update(Tenant tenant) {
        redis.set(key(tenant.id()), Json.encode(tenant));
    }

    public Optional<Tenant> find(String id) {
        return Optional.ofNullable(redis.get(key(id))).map(json -> Json.decode(json, Tenant.class));
    }

    /** Every tenant, oldest first. */
    public List<Tenant> all() {
        return RedisJson.values(redis, redis.zrange(TENANTS, 0, -1).stream().map(TenantStore::key).toList(), Tenant.class);
    }

    public long datasetBytes(String tenant) {
        String used = redis.get(usageKey(tenant));
        return used == null ? 0 : Long.parseLong(used);
    }

    public void addDatasetBytes(String tenant, long bytes) {
        redis.incrBy(usageKey(tenant), bytes);
    }

    private static String key(String id) {
        return "farm:tenant:" + id;
    }

    private static String usageKey(String id) {
        return "farm:tenant-usage:" + id + ":dataset-bytes";
    }
}
