package dev.voicefarm.gateway.webhooks;

import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.retry.Backoff;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.JobViews;
import dev.voicefarm.gateway.metrics.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes one delivery attempt of a finished job's webhook and records it: builds the event from the
 * job as it is now, signs it with the tenant's secret ({@link WebhookSigner}), sends it
 * ({@link WebhookSender}) and appends the attempt to the job's delivery log. A 2xx answer
 * delivers it; anything else (another status, a timeout, a refused address) makes the next
 * attempt due after the {@link Backoff#ceiling} of the attempts so far (5 s, 10 s, 20 s … up to
 * the cap), until {@code farm.gateway.webhooks.max-attempts} have been made.
 *
 * <p>Delivery is at least once: the {@code webhook-id} is the same on every attempt, so a
 * receiver drops what it has seen; each attempt has its own {@code webhook-timestamp} and signature.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookStore store;
    private final Function<String, Optional<JobView>> jobs;
    private final Function<String, String> secrets;
    private final WebhookSender sender;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Consumer<WebhookDelivery.Outcome> counted;

    @Inject
    public WebhookDispatcher(WebhookStore store, JobViews views, WebhookSecrets secrets, AddressPolicy policy,
                             @ConfigProperty(name = "farm.gateway.webhooks.connect-timeout", defaultValue = "5s") Duration connectTimeout,
                             @ConfigProperty(name = "farm.gateway.webhooks.timeout", defaultValue = "10s") Duration timeout,
                             @ConfigProperty(name = "farm.gateway.webhooks.backoff-base", defaultValue = "5s") Duration backoffBase,
                             @ConfigProperty(name = "farm.gateway.webhooks.backoff-cap", defaultValue = "10m") Duration backoffCap,
                             @ConfigProperty(name = "farm.gateway.webhooks.max-attempts", defaultValue = "8") int maxAttempts,
                             GatewayMetrics metrics) {
        this(store, views::stored, secrets::current, new HttpWebhookSender(policy, connectTimeout, timeout),
                Clock.systemUTC(), new Backoff(backoffBase, backoffCap), maxAttempts, metrics::webhookDelivery);
    }

    /**
     * @param jobs    a job's view by id, if its record exists ({@link JobViews#stored})
     * @param secrets a tenant's signing secret ({@link WebhookSecrets#current})
     * @param counted told every attempt's outcome ({@link GatewayMetrics#webhookDelivery})
     */
    WebhookDispatcher(WebhookStore store, Function<String, Optional<JobView>> jobs, Function<String, String> secrets,
                      WebhookSender sender, Clock clock, Backoff backoff, int maxAttempts,
                      Consumer<WebhookDelivery.Outcome> counted) {
        this.store = store;
        this.jobs = jobs;
        this.secrets = secrets;
        this.sender = sender;
        this.clock = clock;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.counted = counted;
    }

    /** One attempt for a job whose delivery this gateway has claimed; recorded before it returns. */
    public void deliver(String jobId) {
        int attempt = store.deliveries(jobId).size() + 1;
        Instant at = clock.instant();
        Optional<Webhook> webhook = store.find(jobId);
        Optional<JobView> job = webhook.isEmpty() ? Optional.empty() : jobs.apply(jobId);
        if (webhook.isEmpty() || job.isEmpty()) {
            // Both are kept for the job records' retention; a delivery that waited longer has nothing left to say.
            LOG.warnf("webhook of job %s not delivered: its record or webhook has expired", jobId);
            store.record(jobId, new WebhookDelivery(attempt, at, WebhookDelivery.Outcome.GAVE_UP, null,
                    "the job's record or webhook has expired", null));
            counted.accept(WebhookDelivery.Outcome.GAVE_UP);
            return;
        }
        String tenant = webhook.get().tenant();
        WebhookSender.Answer answer = send(jobId, webhook.get(), job.get().withoutWorker(), at);
        WebhookDelivery delivery = delivery(attempt, at, answer);
        store.record(jobId, delivery);
        counted.accept(delivery.outcome());
        switch (delivery.outcome()) {
            case DELIVERED -> LOG.debugf("webhook of job %s (tenant %s) delivered at attempt %d", jobId, tenant, attempt);
            case RETRYING -> LOG.debugf("webhook of job %s (tenant %s) attempt %d failed (%s); next at %s", jobId, tenant,
                    attempt, problem(answer), delivery.nextAttemptAt());
            case GAVE_UP -> LOG.warnf("webhook of job %s (tenant %s) given up after %d attempts; the last: %s", jobId,
                    tenant, attempt, problem(answer));
        }
    }

    private WebhookSender.Answer send(String jobId, Webhook webhook, JobView job, Instant at) {
        JobRecord record = job.job();
        String type = "job." + record.status().name().toLowerCase(Locale.ROOT);
        Instant happened = record.finishedAt() == null ? at : record.finishedAt();
        byte[] body = Json.encode(new WebhookEvent(type, happened, job)).getBytes(StandardCharsets.UTF_8);
        String id = messageId(jobId);
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.sign(secrets.apply(webhook.tenant()), id, timestamp, body),
                "User-Agent", "VoiceFarm-Webhooks/1");
        return sender.send(URI.create(webhook.url()), headers, body);
    }

    private WebhookDelivery delivery(int attempt, Instant at, WebhookSender.Answer answer) {
        if (answer.delivered()) {
            return new WebhookDelivery(attempt, at, WebhookDelivery.Outcome.DELIVERED, answer.statusCode(), null, null);
        }
        if (attempt >= maxAttempts) {
            return new WebhookDelivery(attempt, at, WebhookDelivery.Outcome.GAVE_UP, answer.statusCode(), answer.error(), null);
        }
        Instant next = clock.instant().plus(backoff.ceiling(attempt));
        return new WebhookDelivery(attempt, at, WebhookDelivery.Outcome.RETRYING, answer.statusCode(), answer.error(), next);
    }

    /** One message per job (its finish): the same id on every attempt, for receivers to de-duplicate by. */
    static String messageId(String jobId) {
        return "msg_" + jobId;
    }

    private static String problem(WebhookSender.Answer answer) {
        return answer.error() != null ? answer.error() : "HTTP " + answer.statusCode();
    }
}
