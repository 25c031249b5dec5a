package dev.voicefarm.gateway.tenants;

/** Who sent the request: the tenant and role of its API key. */
public record Caller(String tenant, Role role, String keyId, Quotas quotas) {

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
