package dev.voicefarm.common.voices;

import java.time.Instant;
import java.util.List;

/**
 * A validated training dataset as stored in S3 under {@code farm-datasets/<tenant>/<datasetId>/}:
 * this manifest ({@code manifest.json}) and one normalised clip per entry ({@code wavs/<clipId>.wav},
 * 16-bit mono PCM at {@link #SAMPLE_RATE} Hz, the rate eSpeak NG renders at).
 *
 * @param layout {@code ljspeech} or {@code gpt-sovits-list}
 */
public record DatasetManifest(String id, String tenant, String layout, Instant createdAt, List<Clip> clips,
                              double totalSeconds) {

    public static final int SAMPLE_RATE = 22050;

    public DatasetManifest {
        clips = List.copyOf(clips);
    }

    /** @param key object key of the normalised WAV in the datasets bucket */
    public record Clip(String id, String text, String key, double seconds) {
    }
}
