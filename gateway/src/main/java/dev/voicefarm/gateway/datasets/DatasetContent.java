package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.audio.Wav;
import java.util.List;

/**
 * A dataset read from an upload and validated, not stored yet.
 *
 * @param layout {@code ljspeech} or {@code gpt-sovits-list}, as in the manifest
 * @param clips  in the order of the metadata file
 */
public record DatasetContent(String layout, List<Clip> clips) {

    public DatasetContent {
        clips = List.copyOf(clips);
    }

    public double totalSeconds() {
        return clips.stream().mapToDouble(Clip::seconds).sum();
    }

    /** The bytes of audio its clips store: what a tenant's dataset quota counts. */
    public long storedBytes() {
        return clips.stream().mapToLong(clip -> clip.wav().pcm().length).sum();
    }

    /** @param wav 16-bit mono PCM at the manifest's sample rate */
    public record Clip(String id, String text, Wav wav, double seconds) {
    }
}
