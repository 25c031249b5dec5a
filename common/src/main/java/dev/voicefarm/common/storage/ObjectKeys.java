package dev.voicefarm.common.storage;

import dev.voicefarm.common.audio.AudioFormat;

/**
 * Buckets and object keys. Keys derive only from ids and, for what a job's attempt writes, from
 * the attempt: a redelivered attempt overwrites only its own files, and a stale attempt (whose
 * record went to another worker) can never replace a newer attempt's. Which attempt's artifact is
 * current is what the job's record says: its result names the key the winning attempt wrote.
 */
public final class ObjectKeys {

    public static final String ARTIFACTS_BUCKET = "farm-artifacts";
    public static final String MODELS_BUCKET = "farm-models";
    public static final String DATASETS_BUCKET = "farm-datasets";

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

    /** {@code <tenant>/jobs/} in {@link #ARTIFACTS_BUCKET}: everything the tenant's jobs wrote. */
    public static String jobsPrefix(String tenant) {
        return tenant + "/jobs/";
    }

    /** {@code <tenant>/jobs/<jobId>/} in {@link #ARTIFACTS_BUCKET}: everything a job's attempts wrote. */
    public static String jobPrefix(String tenant, String jobId) {
        return jobsPrefix(tenant) + jobId + "/";
    }

    /** {@code <tenant>/jobs/<jobId>/checkpoints/} in {@link #ARTIFACTS_BUCKET}: the checkpoints of every attempt. */
    public static String checkpoints(String tenant, String jobId) {
        return jobPrefix(tenant, jobId) + "checkpoints/";
    }

    /** {@code <tenant>/jobs/<jobId>/checkpoints/<attempt>/<file>} in {@link #ARTIFACTS_BUCKET}. */
    public static String checkpoint(String tenant, String jobId, int attempt, String file) {
        return checkpoints(tenant, jobId) + attempt + "/" + file;
    }

    /** {@code <tenant>/jobs/<jobId>/<attempt>/audio.wav} in {@link #ARTIFACTS_BUCKET}. */
    public static String jobAudio(String tenant, String jobId, int attempt) {
        return jobAudio(tenant, jobId, attempt, AudioFormat.WAV);
    }

    /** {@code <tenant>/jobs/<jobId>/<attempt>/audio.<format>} in {@link #ARTIFACTS_BUCKET}. */
    public static String jobAudio(String tenant, String jobId, int attempt, AudioFormat format) {
        return jobPrefix(tenant, jobId) + attempt + "/audio." + format.id();
    }
}
