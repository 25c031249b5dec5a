package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.idempotency.Idempotency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Submits a job, once per {@code Idempotency-Key} when the request has one. The first request
 * claims the key for its prepared job before publishing it; if that publish fails, the key stays
 * claimed, so a retry can never make a second job. A repeat gets the first request's job: its
 * current state when Redis has its record, else the same spec published again (the first publish
 * may not have landed; consumers de-duplicate by job id) and answered as a first admission is.
 */
@ApplicationScoped
public class JobSubmission {

    private final Idempotency idempotency;
    private final Function<JobSpec, JobView> admit;
    private final Function<String, Optional<JobView>> stored;

    @Inject
    public JobSubmission(Idempotency idempotency, JobAdmission admission, JobViews views) {
        this(idempotency, admission::admit, views::stored);
    }

    /**
     * @param admit  publishes a prepared job and answers its view ({@link JobAdmission#admit})
     * @param stored the view of a job whose record exists ({@link JobViews#stored})
     */
    JobSubmission(Idempotency idempotency, Function<JobSpec, JobView> admit,
                  Function<String, Optional<JobView>> stored) {
        this.idempotency = idempotency;
        this.admit = admit;
        this.stored = stored;
    }

    /**
     * @param keyed   the request's idempotency key, empty without one
     * @param prepare places a new job and gives it its id ({@link JobAdmission#prepare})
     * @param type    the spec's type, to read a claimed spec back
     * @throws ApiException 409 {@code idempotency_key_reused}; 503 when the job cannot be placed or published
     */
    public JobView submit(Optional<Idempotency.Request> keyed, Supplier<JobSpec> prepare,
                          Class<? extends JobSpec> type) {
        if (keyed.isEmpty()) {
            return admit.apply(prepare.get());
        }
        Idempotency.Claimed claimed = idempotency.claim(keyed.get(), () -> {
            JobSpec job = prepare.get();
            return new Idempotency.Resource(job.jobId(), Json.encode(job));
        });
        JobSpec job = Json.decode(claimed.claim().spec(), type);
        if (claimed.first()) {
            return admit.apply(job);
        }
        return stored.apply(job.jobId()).orElseGet(() -> admit.apply(job));
    }
}
