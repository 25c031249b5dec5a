package dev.voicefarm.gateway.idempotency;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Claims in a map, without expiry: the TTL each claim was stored with is kept for tests to check. */
public class InMemoryClaims implements ClaimStore {

    public final Map<String, String> values = new HashMap<>();
    public final Map<String, Duration> ttls = new HashMap<>();

    @Override
    public synchronized Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public synchronized Optional<String> putIfAbsent(String key, String value, Duration ttl) {
        Optional<String> earlier = find(key);
        if (earlier.isEmpty()) {
            values.put(key, value);
            ttls.put(key, ttl);
        }
        return earlier;
    }
}
