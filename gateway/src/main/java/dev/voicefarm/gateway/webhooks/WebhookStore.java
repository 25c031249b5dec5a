package dev.voicefarm.gateway.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Jobs' webhooks, the deliveries owed and each job's delivery log. A delivery becomes owed when
 * the job store finishes a job that has a webhook ({@code JobStore}'s transition puts it on the
 * due set); the dispatcher claims it, attempts it and {@link #record records} the attempt.
 */
public interface WebhookStore {

    /** Keeps the job's webhook for {@code ttl}; written before the job is published. */
    void register(String jobId, Webhook webhook, Duration ttl);

    Optional<Webhook> find(String jobId);

    /**
     * Claims up to {@code limit} jobs whose delivery is due at {@code now}, atomically: each is
     * made due again at {@code now + lease}, so that a dispatcher that dies with it (or a gateway
     * that stops) leaves it to be claimed again, by any gateway, once the lease has run out.
     */
    List<String> claimDue(Instant now, Duration lease, int limit);

    /** The job's delivery attempts, oldest first. */
    List<WebhookDelivery> deliveries(String jobId);

    /**
     * Appends an attempt to the job's log and, atomically with it, makes the next attempt due at
     * its {@code nextAttemptAt}, or owes nothing more when that is {@code null}.
     */
    void record(String jobId, WebhookDelivery delivery);
}
