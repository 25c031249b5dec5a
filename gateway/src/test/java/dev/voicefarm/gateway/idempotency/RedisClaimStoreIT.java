package dev.voicefarm.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.LocalStack;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Claims in the test stack's real Redis: one atomic SET NX GET, with the expiry asked for. */
class RedisClaimStoreIT {

    private static RedisClient redis;
    private static ClaimStore claims;

    @BeforeAll
    static void connect() {
        redis = LocalStack.redis().open();
        claims = new RedisClaimStore(redis);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void theFirstValueStaysAndLaterOnesGetItBack() {
        String key = "farm:idem:default:test:" + UUID.randomUUID();
        assertEquals(Optional.empty(), claims.find(key));

        assertEquals(Optional.empty(), claims.putIfAbsent(key, "first", Duration.ofMinutes(5)));
        assertEquals(Optional.of("first"), claims.putIfAbsent(key, "second", Duration.ofMinutes(5)));

        assertEquals(Optional.of("first"), claims.find(key));
        long ttl = redis.ttl(key);
        assertTrue(ttl > 0 && ttl <= 300, "ttl " + ttl);
        redis.del(key);
    }
}
