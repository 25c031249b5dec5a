package dev.voicefarm.gateway.metrics;

import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.gateway.webhooks.WebhookDelivery;
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
        registry.counter("voicefarm.jobs.submitted", "kind", job.kind().id(), "class", job.hardwareClass().id()).increment();
    }

    /** A request answered with an error: {@code voicefarm_requests_rejected_total{status,reason}}, the reason its error code. */
    public void rejected(int status, String code) {
        registry.counter("voicefarm.requests.rejected", "status", Integer.toString(status), "reason", code).increment();
    }

    /** One webhook delivery attempt: {@code voicefarm_webhook_deliveries_total{outcome}}. */
    public void webhookDelivery(WebhookDelivery.Outcome outcome) {
        registry.counter("voicefarm.webhook.deliveries", "outcome", outcome.name().toLowerCase()).increment();
    }
}
