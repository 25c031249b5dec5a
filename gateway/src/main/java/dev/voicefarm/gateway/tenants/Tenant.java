package dev.voicefarm.gateway.tenants;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One customer of the farm: everything it creates (jobs, datasets, voices, artifacts) is its own,
 * and its id is the first part of every object key it writes.
 */
public record Tenant(String id, String name, Instant createdAt, Quotas quotas) {

    /** Lower-case letters, digits and inner hyphens: safe in object keys, Redis keys and URLs. */
    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Tenant withQuotas(Quotas quotas) {
        return new Tenant(id, name, createdAt, quotas);
    }
}
