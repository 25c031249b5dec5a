package dev.voicefarm.common.state;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.voices.Voice;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The voice catalogue in Redis: each voice's record under {@code farm:voice:<id>} and, per tenant,
 * the ids in the sorted set {@code farm:voices:<tenant>} by creation time. The scheduler adds a voice
 * when its training job succeeds; the gateway lists a tenant's voices and checks synthesis requests
 * against them. A voice is only ever found for its own tenant. The models themselves are in S3.
 */
public final class VoiceStore {


    private final UnifiedJedis redis;

    public VoiceStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    public void save(Voice voice) {
        redis.set(key(voice.id()), Json.encode(voice));
        redis.zadd(index(voice.tenant()), voice.createdAt().toEpochMilli(), voice.id());
    }

    /** The tenant's voice with this id; empty for another tenant's voice as for an unknown id. */
    public Optional<Voice> find(String tenant, String id) {
        return Optional.ofNullable(redis.get(key(id)))
                .map(json -> Json.decode(json, Voice.class))
                .filter(voice -> voice.tenant().equals(tenant));
    }

    /** The tenant's voices, oldest first. */
    public List<Voice> all(String tenant) {
        List<String> keys = redis.zrange(index(tenant), 0, -1).stream().map(VoiceStore::key).toList();
        return RedisJson.values(redis, keys, Voice.class);
    }

    private static String index(String tenant) {
        return "farm:voices:" + tenant;
    }

    private static String key(String id) {
        return "farm:voice:" + id;
    }
}
