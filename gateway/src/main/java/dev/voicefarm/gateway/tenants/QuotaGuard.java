package dev.voicefarm.gateway.tenants;

import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The quotas that count what a tenant holds: unfinished jobs and stored dataset bytes. Checked
 * before a new job or dataset is made; concurrent requests of one tenant may each pass the check,
 * so a tenant can go over by the number of requests it has in flight at that moment.
 */
@ApplicationScoped
public class QuotaGuard {

    /** A job takes seconds to minutes; asking again sooner only spends the rate limit. */
    private static final Duration JOBS_RETRY = Duration.ofSeconds(10);

    private final JobStore jobs;
    private final TenantStore tenants;

    public QuotaGuard(JobStore jobs, TenantStore tenants) {
        this.jobs = jobs;
        this.tenants = tenants;
    }

    /** @throws ApiException 429 {@code too_many_active_jobs} when the tenant already has its quota of unfinished jobs */
    public void admitJob(Caller caller) {
        long active = jobs.activeJobs(caller.tenant());
        int quota = caller.quotas().activeJobs();
        if (active >= quota) {
            throw ApiException.tooManyRequests("too_many_active_jobs", "tenant '" + caller.tenant() + "' has "
                    + active + " unfinished jobs; its quota is " + quota
                    + "; wait for some to finish (or cancel some) and try again", JOBS_RETRY);
        }
    }

    /** @throws ApiException 429 {@code dataset_quota_exceeded} when storing {@code bytes} more would pass the quota */
    public void admitDataset(Caller caller, long bytes) {
        long used = tenants.datasetBytes(caller.tenant());
        long quota = caller.quotas().datasetBytes();
        if (used + bytes > quota) {
            throw ApiException.tooManyRequests("dataset_quota_exceeded", "tenant '" + caller.tenant() + "' stores "
                    + used + " bytes of datasets; this one needs " + bytes + " more and the quota is " + quota
                    + " bytes", Duration.ofHours(1));
        }
    }

    public void datasetStored(Caller caller, long bytes) {
        tenants.addDatasetBytes(caller.tenant(), bytes);
    }
}
