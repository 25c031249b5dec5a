package dev.voicefarm.gateway.webhooks;

import java.time.Instant;

/**
 * One delivery attempt, as the job's delivery log shows it.
 *
 * @param statusCode    the receiver's HTTP status, when it answered
 * @param error         why there was no answer (refused address, timeout, connection error)
 * @param nextAttemptAt when the next attempt is due; {@code null} once delivered or given up
 */
public record WebhookDelivery(int attempt, Instant at, Outcome outcome, Integer statusCode, String error,
                              Instant nextAttemptAt) {

    public enum Outcome {
        /** The receiver answered 2xx: done. */
        DELIVERED,
        /** Not delivered; another attempt is due at {@code nextAttemptAt}. */
        RETRYING,
        /** Not delivered, and no attempt is left (or nothing is left to deliver). */
        GAVE_UP
    }
}
