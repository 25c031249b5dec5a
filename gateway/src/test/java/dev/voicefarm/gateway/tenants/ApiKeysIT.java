package dev.voicefarm.gateway.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.LocalStack;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** API keys in the test stack's real Redis: only a hash is kept; a key works until revoked or rotated. */
class ApiKeysIT {

    private static RedisClient redis;
    private static ApiKeys keys;

    @BeforeAll
    static void connect() {
        redis = LocalStack.redis().open();
        keys = new ApiKeys(redis, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void anIssuedKeyAuthenticatesAsItsTenantAndRoleAndOnlyItsHashIsStored() {
        String tenant = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        IssuedKey issued = keys.issue(tenant, Role.ADMIN, "ops");
        assertTrue(issued.key().matches("vf_[a-z2-7]{12}_[A-Za-z0-9_-]{43}"), issued.key());
        assertTrue(issued.key().startsWith(issued.apiKey().prefix()));

        ApiKey key = keys.authenticate(issued.key()).orElseThrow();
        assertEquals(tenant, key.tenant());
        assertEquals(Role.ADMIN, key.role());
        String stored = redis.get("farm:apikey:" + key.id());
        assertFalse(stored.contains(issued.key().substring(16)), "the secret is not stored: " + stored);
        assertEquals(List.of(key), keys.list(tenant));
    }

    @Test
    void aWrongSecretOrAMalformedKeyIsNobody() {
        IssuedKey issued = keys.issue("keys-" + UUID.randomUUID().toString().substring(0, 8), Role.USER, "app");
        String last = issued.key().substring(issued.key().length() - 1);
        String wrongSecret = issued.key().substring(0, issued.key().length() - 1) + (last.equals("A") ? "B" : "A");
        assertEquals(Optional.empty(), keys.authenticate(wrongSecret));
        assertEquals(Optional.empty(), keys.authenticate(issued.key() + "x"));
        assertEquals(Optional.empty(), keys.authenticate(""));
        assertEquals(Optional.empty(), keys.authenticate("vf_" + issued.apiKey().id()));
    }

    @Test
    void revokedAndRotatedKeysStopAuthenticating() {
        String tenant = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        IssuedKey first = keys.issue(tenant, Role.USER, "app");
        IssuedKey second = keys.rotate(first.apiKey().id()).orElseThrow();
        assertNotEquals(first.key(), second.key());
        assertEquals("app", second.apiKey().name());
        assertEquals(Optional.empty(), keys.authenticate(first.key()));
        assertTrue(keys.authenticate(second.key()).isPresent());
        assertEquals(Optional.empty(), keys.rotate(first.apiKey().id()), "a revoked key cannot be rotated");

        ApiKey revoked = keys.revoke(second.apiKey().id()).orElseThrow();
        assertTrue(revoked.revoked());
        assertEquals(revoked, keys.revoke(second.apiKey().id()).orElseThrow(), "revoking again keeps the first time");
        assertEquals(Optional.empty(), keys.authenticate(second.key()));
        assertTrue(keys.list(tenant).stream().allMatch(ApiKey::revoked));
        assertEquals(Optional.empty(), keys.revoke("nosuchkey234"));
    }
}
