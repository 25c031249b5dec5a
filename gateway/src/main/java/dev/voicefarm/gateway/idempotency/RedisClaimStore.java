package dev.voicefarm.gateway.idempotency;

import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Claims as plain Redis strings with an expiry. {@code SET NX GET} needs Redis 7.0 or newer. */
public final class RedisClaimStore implements ClaimStore {

    private final UnifiedJedis redis;

    public RedisClaimStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public Optional<String> find(String key) {
        return Optional.ofNullable(redis.get(key));
    }

    @Override
    public Optional<String> putIfAbsent(String key, String value, Duration ttl) {
        // One command: claiming and reading the earlier claim cannot be split by a concurrent request.
        return Optional.ofNullable(redis.setGet(key, value, SetParams.setParams().nx().ex(Math.max(1, ttl.toSeconds()))));
    }
}
