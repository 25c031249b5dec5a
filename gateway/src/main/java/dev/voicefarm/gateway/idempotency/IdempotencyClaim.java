package dev.voicefarm.gateway.idempotency;

/**
 * What the first request with a key was, stored under the key: enough to recognise the same
 * request again and to give it the same resource.
 *
 * @param requestHash SHA-256 (hex) of the request body's bytes
 * @param resourceId  the id of the job or dataset the request creates
 * @param spec        for jobs, the JobSpec JSON as published (to publish it again); else {@code null}
 */
public record IdempotencyClaim(String requestHash, String resourceId, String spec) {
}
