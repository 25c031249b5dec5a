package dev.voicefarm.gateway.webhooks;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Each tenant's webhook signing secret, under {@code farm:webhook-secret:<tenant>}. It is made the
 * first time it is needed (read by the tenant, or a delivery is signed) and replaced only by a
 * rotation. It stays readable, not hashed: every delivery is signed with it.
 */
public final class WebhookSecrets {

    private final UnifiedJedis redis;

    public WebhookSecrets(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The tenant's secret, made now if it has none (two gateways making one at once agree on the first). */
    public String current(String tenant) {
        String existing = redis.get(key(tenant));
        if (existing != null) {
            return existing;
        }
        redis.set(key(tenant), WebhookSigner.newSecret(), SetParams.setParams().nx());
        return redis.get(key(tenant));
    }

    /** A new secret for the tenant; deliveries signed from now on use it, the old one stops verifying. */
    public String rotate(String tenant) {
        String secret = WebhookSigner.newSecret();
        redis.set(key(tenant), secret);
        return secret;
    }

    private static String key(String tenant) {
        return "farm:webhook-secret:" + tenant;
    }
}
