package dev.voicefarm.gateway.tenants;

import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * API keys in Redis. A key is {@code vf_<id>_<secret>}: a 12-character id, to find it, and 256
 * random bits. Only the SHA-256 of the whole key is stored (under {@code farm:apikey:<id>}, with
 * its tenant and role), so a copy of Redis lets nobody in; a plain hash is enough because the
 * secret is random, not a password a person chose. Each tenant's key ids are listed in
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
        String token = "vf_" + newId() + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedKey(store(token, tenant, role, name), token);
    }

    /** The live key this bearer token is, or empty (malformed, unknown, wrong secret, revoked). */
    public Optional<ApiKey> authenticate(String token) {
        Matcher matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        return stored(matcher.group(1))
                .filter(stored -> MessageDigest.isEqual(presented, stored.sha256().getBytes(StandardCharsets.US_ASCII)))
                .map(Stored::key)
                .filter(key -> !key.revoked());
    }

    /** The tenant's keys, revoked ones too, oldest first. */
    public List<ApiKey> list(String tenant) {
        return redis.zrange(tenantIndex(tenant), 0, -1).stream()
                .map(this::stored).flatMap(Optional::stream).map(Stored::key).toList();
    }

    /** Revokes the key at once; revoking a revoked key keeps its first revocation time. */
    public Optional<ApiKey> revoke(String keyId) {
        return stored(keyId).map(stored -> {
            if (stored.key().revoked()) {
                return stored.key();
            }
            ApiKey key = stored.key();
            ApiKey revoked = new ApiKey(key.id(), key.prefix(), key.tenant(), key.role(), key.name(), key.createdAt(),
                    now());
            redis.set(recordKey(keyId), Json.encode(new Stored(revoked, stored.sha256())));
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

    private ApiKey store(String token, String tenant, Role role, String name) {
        Matcher matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an API key");
        }
        String id = matcher.group(1);
        ApiKey key = new ApiKey(id, "vf_" + id + "_", tenant, role, name, now(), null);
        redis.set(recordKey(id), Json.encode(new Stored(key, sha256(token))));
        redis.zadd(tenantIndex(tenant), key.createdAt().toEpochMilli(), id);
        return key;
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

    private static String sha256(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
