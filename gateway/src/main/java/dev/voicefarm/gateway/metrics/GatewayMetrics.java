package dev.voicefarm.gateway.metrics;

import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.gateway.webhooks.WebhookDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the gateway counts for Prometheus ({@code /q/metrics}): jobs accepted, requests refused and
 * webhook deliveries. Labels are closed sets (kinds, classes, error codes, outcomes), never a
 * tenant or an id, so the number of series stays bounded however many tenants there are.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A job Kafka acknowledged: {@code voicefarm_jobs_submitted_total{kind,class}}. */
    public void submitted(JobSpec job) {
        Counter.builder("voicefarm.jobs.submitted").description("jobs accepted: Kafka acknowledged them")
                .tags("kind", job.kind().id(), "class", job.hardwareClass().id()).register(registry).increment();
    }

    /** A request answered with an error: {@code voicefarm_requests_rejected_total{status,reason}}, the reason its error code. */
    public void rejected(int status, String code) {
        Counter.builder("voicefarm.requests.rejected").description("requests answered with an error, by status and error code")
                .tags("status", Integer.toString(status), "reason", code).register(registry).increment();
    }

    /** One webhook delivery attempt: {@code voicefarm_webhook_deliveries_total{outcome}}. */
    public void webhookDelivery(WebhookDelivery.Outcome outcome) {
        Counter.builder("voicefarm.webhook.deliveries").description("webhook delivery attempts, by outcome")
                .tag("outcome", outcome.name().toLowerCase()).register(registry).increment();
    }
}
