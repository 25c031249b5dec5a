package dev.voicefarm.common.audio;

/** Audio in one of the {@link AudioFormat}s: the file's bytes, its length and its sample rate. */
public record EncodedAudio(AudioFormat format, byte[] bytes, double durationSeconds, int sampleRate) {
}
