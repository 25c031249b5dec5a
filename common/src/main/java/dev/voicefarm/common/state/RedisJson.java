package dev.voicefarm.common.state;

import dev.voicefarm.common.json.Json;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/** Records stored as JSON strings, read many at once. */
public final class RedisJson {

    private RedisJson() {
    }

    /** The records under the keys that still exist (one MGET), in key order. */
    public static <T> List<T> values(UnifiedJedis redis, List<String> keys, Class<T> type) {
        return values(redis, keys, json -> Json.decode(json, type));
    }

    /** The same, read by the given decoder. */
    public static <T> List<T> values(UnifiedJedis redis, List<String> keys, Function<String, T> decoder) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return redis.mget(keys.toArray(String[]::new)).stream()
                .filter(Objects::nonNull)
                .map(decoder)
                .toList();
    }
}
