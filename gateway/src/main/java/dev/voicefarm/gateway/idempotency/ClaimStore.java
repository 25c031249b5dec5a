package dev.voicefarm.gateway.idempotency;

import java.time.Duration;
import java.util.Optional;

/** Where idempotency claims live until they expire: Redis in the farm, a map in unit tests. */
public interface ClaimStore {

    /** The value stored under the key, if any. */
    Optional<String> find(String key);

    /**
     * Stores the value under the key for {@code ttl}, atomically, unless the key already holds one.
     *
     * @return the value the key already held; empty when this one was stored
     */
    Optional<String> putIfAbsent(String key, String value, Duration ttl);
}
