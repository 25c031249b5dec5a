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

    /** {@code <tenant>/<datasetId>/manifest.json} in {@link #DATASETS_BUCKET}. */
    public static String datasetManifest(String tenant, String datasetId) {
        return tenant + "/" + datasetId + "/manifest.json";
    }

    /** {@code <tenant>/<datasetId>/wavs/<clipId>.wav} in {@link #DATASETS_BUCKET}. */
    public static String datasetClip(String tenant, String datasetId, String clipId) {
        return tenant + "/" + datasetId + "/wavs/" + clipId + ".wav";
    }

    /** {@code <tenant>/voices/<voiceId>/<version>/<file>} in {@link #MODELS_BUCKET}. */
    public static String voiceFile(String tenant, String voiceId, int version, String file) {
        return tenant + "/voices/" + voiceId + "/" + version + "/" + file;
    }

    /** {@code <tenant>/jobs/<jobId>/checkpoints/<file>} in {@link #ARTIFACTS_BUCKET}. */
    public static String checkpoint(String tenant, String jobId, String file) {
        return tenant + "/jobs/" + jobId + "/checkpoints/" + file;
    }

    /** {@code <tenant>/jobs/<jobId>/audio.wav} in {@link #ARTIFACTS_BUCKET}. */
    public static String jobAudio(String tenant, String jobId) {
        return tenant + "/jobs/" + jobId + "/audio.wav";
    }
}
