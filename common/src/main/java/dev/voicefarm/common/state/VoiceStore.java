package dev.voicefarm.common.state;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.voices.Voice;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The voice catalogue in Redis: each voice's record under {@code farm:voice:<id>} and the ids in
 * the sorted set {@code farm:voices} by creation time. The scheduler adds a voice when its training
 * job succeeds; the gateway lists them and checks synthesis requests against them. The models
 * themselves are in S3.
 */
public final class VoiceStore {

    private static final String VOICES = "farm:voices";

    private final UnifiedJedis redis;

    public VoiceStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    public void save(Voice voice) {
        redis.set(key(voice.id()), Json.encode(voice));
        redis.zadd(VOICES, voice.createdAt().toEpochMilli(), voice.id());
    }

    public Optional<Voice> find(String id) {
        return Optional.ofNullable(redis.get(key(id))).map(json -> Json.decode(json, Voice.class));
    }

    /** Every voice, oldest first. */
    public List<Voice> all() {
        List<String> keys = redis.zrange(VOICES, 0, -1).stream().map(VoiceStore::key).toList();
        return RedisJson.values(redis, keys, Voice.class);
    }

    private static String key(String id) {
        return "farm:voice:" + id;
    }
}
