package dev.voicefarm.gateway.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.gateway.webhooks.WebhookDelivery;
import java.util.List;

/**
 * A job as the API shows it: the stored record's fields, with the stored result (an object key)
 * replaced by what a client can use (a presigned URL), and the job's webhook with its deliveries
 * when it has one. Absent fields are left out of the JSON.
 */
public record JobView(@JsonUnwrapped @JsonIgnoreProperties("result") JobRecord job, Result result,
                      @JsonUnwrapped WebhookStatus webhook) {

    public JobView(JobRecord job, Result result) {
        this(job, result, null);
    }

    /**
     * What the job made: audio (synthesis) or a voice (training).
     *
     * @param audioUrl a presigned GET URL of the audio file, valid for a limited time
     * @param format   the audio file's format ({@code wav}, {@code mp3}, ...)
     */
    public record Result(String audioUrl, String format, Double durationSeconds, Integer sampleRate, Voice voice) {
    }

    /**
     * The job's webhook URL and its delivery attempts, oldest first (none before the job finishes).
     */
    public record WebhookStatus(String webhook, List<WebhookDelivery> webhookDeliveries) {
    }

    public JobView withWebhook(WebhookStatus status) {
        return new JobView(job, result, status);
    }

    public String id() {
        return job.id();
    }

    /** The view a user key gets: which worker ran the job is the operators' business. */
    /** The view a caller gets: which worker ran a job is for admin keys only. */
    public JobView shownTo(dev.voicefarm.gateway.tenants.Caller caller) {
        return caller.admin() ? this : withoutWorker();
    }

    public JobView withoutWorker() {
        return new JobView(job.withoutWorker(), result, webhook);
    }
}
