package dev.voicefarm.gateway.webhooks;

/** A tenant's webhook signing secret, as the API shows it to the tenant and to admins. */
public record WebhookSecret(String tenant, String secret) {
}
