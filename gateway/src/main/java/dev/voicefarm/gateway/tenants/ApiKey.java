package dev.voicefarm.gateway.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An API key as the farm shows it: never its secret, which exists only in the {@link IssuedKey}
 * answer that created it.
 */
public record ApiKey(String id, String tenant, Role role, String name, Instant createdAt, Instant revokedAt) {

    /** The key's public start ({@code vf_<id>_}), to tell keys apart. */
    @JsonProperty
    public String prefix() {
        return "vf_" + id + "_";
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public ApiKey revokedAt(Instant at) {
        return new ApiKey(id, tenant, role, name, createdAt, at);
    }
}
