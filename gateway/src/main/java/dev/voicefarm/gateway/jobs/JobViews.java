package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads jobs for the API and turns stored results into presigned URLs. */
@ApplicationScoped
public class JobViews {

    private final JobStore jobs;
    private final ArtifactStore artifacts;
    private final Duration urlValidity;

    public JobViews(JobStore jobs, ArtifactStore artifacts,
                    @ConfigProperty(name = "farm.gateway.audio-url-validity", defaultValue = "1h") Duration urlValidity) {
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.urlValidity = urlValidity;
    }

    /** @throws ApiException 404 when no such job exists */
    public JobView find(String jobId) {
        return view(record(jobId));
    }

    /** The job, if its record exists (a job id the gateway made itself, so no 404). */
    public Optional<JobView> stored(String jobId) {
        return jobs.find(jobId).map(this::view);
    }

    /** @throws ApiException 404 for unknown jobs, 409 while the job has no audio */
    public String audioUrl(String jobId) {
        JobRecord job = record(jobId);
        if (job.result() != null && job.result().audioKey() == null) {
            throw ApiException.conflict("no_audio", "job " + jobId + " is a " + job.kind().id() + " job; it has no audio");
        }
        if (job.status() != JobStatus.SUCCEEDED || job.result() == null) {
            String why = job.status() == JobStatus.FAILED ? "job failed: " + job.reason() : "job is " + job.status();
            throw ApiException.conflict("not_ready", "no audio for job " + jobId + " yet: " + why);
        }
        return result(job.result()).audioUrl();
    }

    /** @throws ApiException 404 when no such job exists */
    public JobRecord record(String jobId) {
        if (!isUuid(jobId)) {
            throw ApiException.notFound("no job with id '" + jobId + "'; job ids are UUIDs");
        }
        return jobs.find(jobId).orElseThrow(() -> ApiException.notFound("no job with id '" + jobId + "'"));
    }

    private JobView view(JobRecord job) {
        return new JobView(job, job.result() == null ? null : result(job.result()));
    }

    private JobView.Result result(JobResult result) {
        if (result.audioKey() == null) {
            return new JobView.Result(null, null, null, result.voice());
        }
        String url = artifacts.presignedGet(ObjectKeys.ARTIFACTS_BUCKET, result.audioKey(), urlValidity);
        return new JobView.Result(url, result.durationSeconds(), result.sampleRate(), null);
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
