package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.gateway.tenants.Caller;

/**
 * Whose jobs a caller may see and cancel: its own tenant's, or every tenant's for an admin key (an
 * operator, who can issue a key of any tenant anyway, and whose dashboard shows the whole farm).
 *
 * @param tenant the one tenant, or {@code null} for every tenant
 */
public record JobScope(String tenant) {

    public static JobScope of(Caller caller) {
        return new JobScope(caller.admin() ? null : caller.tenant());
    }

    public boolean covers(JobRecord job) {
        return covers(job.tenant());
    }

    public boolean covers(String jobTenant) {
        return tenant == null || tenant.equals(jobTenant);
    }

    /** Every tenant's jobs. */
    public boolean everyTenant() {
        return tenant == null;
    }
}
