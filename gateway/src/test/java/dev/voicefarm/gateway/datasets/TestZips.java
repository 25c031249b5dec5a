package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.testing.InMemoryZip;
import dev.voicefarm.common.audio.Wav;

/** Dataset zips built in memory, with generated tones as clips. */
final class TestZips {

    /** A WAV file of a sine tone: {@code bits}-bit signed PCM, the same on every channel. */
    static byte[] tone(double seconds, int sampleRate, int channels, int bits, double frequency) {
        int frames = (int) Math.round(seconds * sampleRate);
        int width = bits / 8;
        byte[] pcm = new byte[frames * channels * width];
        double fullScale = Math.pow(2, bits - 1) - 1;
        int offset = 0;
        for (int i = 0; i < frames; i++) {
            long sample = Math.round(0.3 * fullScale * Math.sin(2 * Math.PI * frequency * i / sampleRate));
            for (int c = 0; c < channels; c++) {
                for (int b = 0; b < width; b++) {
                    pcm[offset++] = (byte) (sample >> (8 * b));
                }
            }
        }
        return new Wav(sampleRate, channels, bits, pcm).toBytes();
    }

    /** A tone already in the farm's form: 22050 Hz, mono, 16-bit. */
    static byte[] tone(double seconds) {
        return tone(seconds, 22050, 1, 16, 220);
    }

    /**
     * An LJSpeech dataset under {@code root} ("" or "folder/") of {@code clips} clips named
     * {@code LJ001} on, 1.5 s each; the metadata file is added last so tests can add entries first.
     */
    static InMemoryZip ljspeech(String root, int clips) {
        InMemoryZip zip = new InMemoryZip();
        StringBuilder metadata = new StringBuilder();
        for (int i = 1; i <= clips; i++) {
            String id = "LJ%03d".formatted(i);
            zip.add(root + "wavs/" + id + ".wav", tone(1.5));
            metadata.append(id).append("|Sentence number ").append(i).append(".\n");
        }
        return zip.add(root + "metadata.csv", metadata.toString());
    }
}
