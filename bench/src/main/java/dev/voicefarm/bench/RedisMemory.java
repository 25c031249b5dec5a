package dev.voicefarm.bench;

import redis.clients.jedis.UnifiedJedis;

/** Redis memory as its INFO reports it: what the allocator holds for the data set. */
public final class RedisMemory {

    private RedisMemory() {
    }

    public static long used(UnifiedJedis redis) {
        for (String line : redis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("Redis INFO memory has no used_memory");
    }
}
