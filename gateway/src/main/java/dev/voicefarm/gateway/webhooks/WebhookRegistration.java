package dev.voicefarm.gateway.webhooks;

import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A job's webhook at submission: its address is checked against {@link AddressPolicy} (the same
 * check is made again at every delivery, since DNS may change), then the webhook is stored before
 * the job is published, so a job that finishes at once already owes its delivery. It is kept for
 * the job records' retention, and again from the finish on.
 */
@ApplicationScoped
public class WebhookRegistration {

    private final WebhookStore store;
    private final AddressPolicy policy;
    private final Duration retention;

    public WebhookRegistration(WebhookStore store, AddressPolicy policy,
                               @ConfigProperty(name = "farm.jobs.retention", defaultValue = "7d") Duration retention) {
        this.store = store;
        this.policy = policy;
        this.retention = retention;
    }

    /** @throws ApiException 400 {@code invalid_webhook} when the URL's host does not resolve or its address is refused */
    public void check(URI webhook) {
        if (webhook == null) {
            return;
        }
        try {
            policy.resolve(webhook.getHost());
        } catch (AddressPolicy.Refused e) {
            throw WebhookUrl.invalid("is refused: " + e.getMessage());
        }
    }

    /** Stores the job's webhook, if it has one. */
    public void register(JobSpec job, URI webhook) {
        if (webhook != null) {
            store.register(job.jobId(), new Webhook(webhook.toString(), job.tenant()), retention);
        }
    }
}
