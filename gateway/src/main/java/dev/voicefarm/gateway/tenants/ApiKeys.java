package dev.voicefarm.gateway.tenants;

import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.RedisJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * API keys in Redis. A key is {@code vf_<id>_<secret>}: a 12-character id, to find it, and 256
 * random bits. Only the {@link #fingerprint} of the whole key is stored (under
 * {@code farm:apikey:<id>}, with its tenant and role), so a copy of Redis lets nobody in. Each
 * tenant's key ids are listed in
 * {@code farm:tenant-keys:<tenant>}. A revoked key stays listed, with when it was revoked.
 */
public final class ApiKeys {

    /** The record kept for a key: its view and the hash of its secret. */
    public record Stored(ApiKey key, String sha256) {
    }

    private static final Pattern TOKEN = Pattern.compile("vf_([a-z2-7]{12})_[A-Za-z0-9_-]{43}");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final UnifiedJedis redis;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** A new key for the tenant; its secret is in the answer and nowhere else. */
    public IssuedKey issue(String tenant, Role role, String name) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        ApiKey key = new ApiKey(newId(), tenant, role, name, now(), null);
        String token = key.prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        save(new Stored(key, HexFormat.of().formatHex(fingerprint(token))));
        redis.zadd(tenantIndex(tenant), key.createdAt().toEpochMilli(), key.id());
        return new IssuedKey(key, token);
    }

    /**
     * What is kept of a bearer token and compared, in constant time, with what is presented: its
     * SHA-256. A plain hash is enough because the secret is random, not a password a person chose.
     */
    static byte[] fingerprint(String token) {
        return Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The live key this bearer token is, or empty (malformed, unknown, wrong secret, revoked). */
    public Optional<ApiKey> authenticate(String token) {
        Matcher matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        byte[] presented = fingerprint(token);
        return stored(matcher.group(1))
                .filter(stored -> MessageDigest.isEqual(presented, HexFormat.of().parseHex(stored.sha256())))
                .map(Stored::key)
                .filter(key -> !key.revoked());
    }

    /** The tenant's keys, revoked ones too, oldest first. */
    public List<ApiKey> list(String tenant) {
        List<String> records = redis.zrange(tenantIndex(tenant), 0, -1).stream().map(ApiKeys::recordKey).toList();
        return RedisJson.values(redis, records, Stored.class).stream().map(Stored::key).toList();
    }

    /** Revokes the key at once; revoking a revoked key keeps its first revocation time. */
    public Optional<ApiKey> revoke(String keyId) {
        return stored(keyId).map(stored -> {
            if (stored.key().revoked()) {
                return stored.key();
            }
            ApiKey revoked = stored.key().revokedAt(now());
            save(new Stored(revoked, stored.sha256()));
            return revoked;
        });
    }

    /** A new key with the same tenant, role and name, and the old one revoked. */
    public Optional<IssuedKey> rotate(String keyId) {
        return stored(keyId).filter(stored -> !stored.key().revoked()).map(stored -> {
            IssuedKey next = issue(stored.key().tenant(), stored.key().role(), stored.key().name());
            revoke(keyId);
            return next;
        });
    }

    private void save(Stored stored) {
        redis.set(recordKey(stored.key().id()), Json.encode(stored));
    }

    private Optional<Stored> stored(String keyId) {
        return Optional.ofNullable(redis.get(recordKey(keyId))).map(json -> Json.decode(json, Stored.class));
    }

    private String newId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String recordKey(String keyId) {
        return "farm:apikey:" + keyId;
    }

    private static String tenantIndex(String tenant) {
        return "farm:tenant-keys:" + tenant;
    }
}
