package dev.voicefarm.gateway.tenants;

/**
 * What one tenant may use.
 *
 * @param requestsPerSecond requests a second, refilled steadily, over every endpoint and gateway replica
 * @param burst             requests allowed at once above that rate (the token bucket's size)
 * @param activeJobs        jobs queued, running or waiting to retry at once
 * @param datasetBytes      bytes of stored datasets (the normalised clips)
 */
public record Quotas(int requestsPerSecond, int burst, int activeJobs, long datasetBytes) {
}
