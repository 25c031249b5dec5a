package dev.voicefarm.gateway.webhooks;

import dev.voicefarm.gateway.jobs.JobView;
import java.time.Instant;

/**
 * The body of a delivery: {@code type} is {@code job.succeeded}, {@code job.failed} or
 * {@code job.cancelled}, {@code timestamp} when the job finished, {@code data} the job as
 * {@code GET /v1/jobs/{id}} shows it to a user key (with a fresh presigned audio URL).
 */
public record WebhookEvent(String type, Instant timestamp, JobView data) {
}
