package dev.voicefarm.common.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * Expires what jobs wrote to S3 (audio and checkpoints: {@code <tenant>/jobs/} in the artifacts
 * bucket) once it is older than the job retention, the span job records live after they finish:
 * a job's files go about when its record does, and so does an attempt's copy that no record names
 * (a killed attempt's audio, a stale attempt's checkpoints). Voices and datasets belong to their
 * owners and stay until deleted. It works on any S3 server (S3Proxy has no lifecycle rules); on
 * AWS S3 or MinIO an expiration rule on the bucket can do the same work instead.
 */
public final class ArtifactSweeper {

    private final ArtifactStore store;
    private final Duration retention;

    public ArtifactSweeper(ArtifactStore store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    /** Removes every tenant's job files older than the retention at {@code now}; says how many. */
    public int sweep(Instant now) {
        int removed = 0;
        for (String tenant : store.folders(ObjectKeys.ARTIFACTS_BUCKET, "")) {
            removed += sweep(tenant, now);
        }
        return removed;
    }

    /** Removes one tenant's job files older than the retention at {@code now}; says how many. */
    public int sweep(String tenant, Instant now) {
        Instant cutoff = now.minus(retention);
        int[] removed = {0};
        store.forEach(ObjectKeys.ARTIFACTS_BUCKET, ObjectKeys.jobsPrefix(tenant), object -> {
            if (object.lastModified() != null && object.lastModified().isBefore(cutoff)) {
                store.remove(ObjectKeys.ARTIFACTS_BUCKET, object.key());
                removed[0]++;
            }
        });
        return removed[0];
    }
}
