package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import dev.voicefarm.gateway.webhooks.WebhookStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads jobs for the API, turns stored results into presigned URLs and adds the job's webhook deliveries. */
@ApplicationScoped
public class JobViews {

    private final JobStore jobs;
    private final ArtifactStore artifacts;
    private final WebhookStore webhooks;
    private final Duration urlValidity;

    public JobViews(JobStore jobs, ArtifactStore artifacts, WebhookStore webhooks,
                    @ConfigProperty(name = "farm.gateway.audio-url-validity", defaultValue = "15m") Duration urlValidity) {
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.webhooks = webhooks;
        this.urlValidity = urlValidity;
    }

    /**
     * The job, with its webhook and delivery log when it has one.
     *
     * @throws ApiException 404 when the tenant has no such job
     */
    public JobView find(JobScope scope, String jobId) {
        JobView view = view(record(scope, jobId));
        return webhooks.find(jobId)
                .map(webhook -> view.withWebhook(new JobView.WebhookStatus(webhook.url(), webhooks.deliveries(jobId))))
                .orElse(view);
    }

    /** The newest jobs in the scope that {@code filter} accepts, newest first, at most {@code limit}, without their webhooks. */
    public List<JobView> recent(JobScope scope, int limit, Predicate<JobRecord> filter) {
        return jobs.recent(scope.tenant(), limit, filter).stream().map(this::view).toList();
    }

    /** The job, if its record exists (a job id the gateway made itself, so no 404), without its webhook. */
    public Optional<JobView> stored(String jobId) {
        return jobs.find(jobId).map(this::view);
    }

    /** @throws ApiException 404 for jobs the tenant does not have, 409 while the job has no audio */
    public String audioUrl(JobScope scope, String jobId) {
        JobRecord job = record(scope, jobId);
        if (job.result() != null && job.result().audioKey() == null) {
            throw ApiException.conflict("no_audio", "job " + jobId + " is a " + job.kind().id() + " job; it has no audio");
        }
        if (job.status() != JobStatus.SUCCEEDED || job.result() == null) {
            String why = job.status() == JobStatus.FAILED ? "job failed: " + job.reason() : "job is " + job.status();
            throw ApiException.conflict("not_ready", "no audio for job " + jobId + " yet: " + why);
        }
        return result(job.result()).audioUrl();
    }

    /**
     * The tenant's job. Another tenant's job is answered exactly as an unknown id (same status,
     * same message, after the same one Redis read), so ids of other tenants cannot be probed.
     *
     * @throws ApiException 404 when the tenant has no such job
     */
    public JobRecord record(JobScope scope, String jobId) {
        if (!isUuid(jobId)) {
            throw ApiException.notFound("no job with id '" + JsonBody.clip(jobId) + "'; job ids are UUIDs");
        }
        return jobs.find(jobId)
                .filter(scope::covers)
                .orElseThrow(() -> ApiException.notFound("no job with id '" + jobId + "'"));
    }

    private JobView view(JobRecord job) {
        return new JobView(job, job.result() == null ? null : result(job.result()));
    }

    private JobView.Result result(JobResult result) {
        if (result.audioKey() == null) {
            return new JobView.Result(null, null, null, null, result.voice());
        }
        String url = artifacts.presignedGet(ObjectKeys.ARTIFACTS_BUCKET, result.audioKey(), urlValidity);
        return new JobView.Result(url, result.format(), result.durationSeconds(), result.sampleRate(), null);
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
