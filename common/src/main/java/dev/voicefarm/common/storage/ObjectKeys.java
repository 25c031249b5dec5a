package dev.voicefarm.common.storage;

/**
 * Buckets and object keys. Keys derive only from ids, so a redelivered job overwrites its own
 * artifacts instead of adding new ones.
 */
public final class ObjectKeys {

    public static final String ARTIFACTS_BUCKET = "farm-artifacts";
    public static final String MODELS_BUCKET = "farm-models";
    public static final String DATASETS_BUCKET = "farm-datasets";

    /** Until tenants arrive every job belongs to this one. */
    public static final String DEFAULT_TENANT = "default";

    private ObjectKeys() {
    }

    /** {@code <tenant>/jobs/<jobId>/audio.wav} in {@link #ARTIFACTS_BUCKET}. */
    public static String jobAudio(String tenant, String jobId) {
        return tenant + "/jobs/" + jobId + "/audio.wav";
    }
}
