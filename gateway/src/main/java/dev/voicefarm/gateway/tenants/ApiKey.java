package dev.voicefarm.gateway.tenants;

import java.time.Instant;

/**
 * An API key as the farm shows it: never its secret, which exists only in the {@link IssuedKey}
 * answer that created it. {@code prefix} is the key's public start ({@code vf_<id>_}), to tell keys apart.
 */
public record ApiKey(String id, String prefix, String tenant, Role role, String name, Instant createdAt,
                     Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
