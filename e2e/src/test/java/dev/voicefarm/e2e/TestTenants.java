package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

/** Tenants made for one test through the admin API, each with a fresh id and a user key. */
final class TestTenants {

    /** A tenant and a client holding one of its user keys. */
    record TestTenant(String id, FarmClient client) {
    }

    private TestTenants() {
    }

    /** A new tenant ({@code <prefix>-<random>}) with the given quotas JSON (or null for the defaults). */
    static TestTenant create(String prefix, String quotasJson) throws Exception {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        FarmClient admin = FarmClient.admin();
        FarmClient.Reply tenant = admin.postJson("/v1/admin/tenants", "{\"id\": \"" + id + "\", \"name\": \"" + prefix
                + " test tenant\"" + (quotasJson == null ? "" : ", \"quotas\": " + quotasJson) + "}");
        assertEquals(201, tenant.status(), tenant.text());
        FarmClient.Reply key = admin.postJson("/v1/admin/tenants/" + id + "/keys", "{\"role\": \"user\", \"name\": \"test\"}");
        assertEquals(201, key.status(), key.text());
        return new TestTenant(id, admin.withKey(key.json().path("key").asText()));
    }
}
