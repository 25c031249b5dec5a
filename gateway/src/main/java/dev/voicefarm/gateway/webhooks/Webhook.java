package dev.voicefarm.gateway.webhooks;

/**
 * A job's webhook as registered when the job was admitted.
 *
 * @param tenant whose secret signs the deliveries
 */
public record Webhook(String url, String tenant) {
}
