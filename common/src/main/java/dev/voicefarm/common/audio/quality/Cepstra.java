package dev.voicefarm.common.audio.quality;

import dev.voicefarm.common.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The spectral envelope of speech, frame by frame: Hann-windowed STFT (1024 points, hop 256), log
 * amplitude, real cepstrum (inverse FFT of the log amplitude) truncated to {@value #ORDER}
 * coefficients. Silent frames (40 dB below the loudest) are marked, since distortion is measured
 * on speech, not on pauses.
 */
public final class Cepstra {

    public static final int ORDER = 40;
    static final int FFT_SIZE = 1024;
    static final int HOP = 256;
    private static final double SILENCE_DB = 40;
    /** Periodic Hann, as torch.hann_window. */
    private static final double[] WINDOW = new double[FFT_SIZE];

    static {
        for (int i = 0; i < FFT_SIZE; i++) {
            WINDOW[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE);
        }
    }

    private Cepstra() {
    }

    /** Every frame's cepstrum, and whether the frame is speech (not 40 dB below the loudest). */
    public record Frames(double[][] cepstra, boolean[] speech) {
    }

    public static Frames of(Wav wav) {
        double[] samples = samples(wav);
        int count = samples.length < FFT_SIZE ? 0 : (samples.length - FFT_SIZE) / HOP + 1;
        double[][] cepstra = new double[count][];
        double[] energies = new double[count];
        double loudest = 0;
        for (int f = 0; f < count; f++) {
            double[] re = new double[FFT_SIZE];
            double[] im = new double[FFT_SIZE];
            for (int i = 0; i < FFT_SIZE; i++) {
                re[i] = samples[f * HOP + i] * WINDOW[i];
                energies[f] += re[i] * re[i];
            }
            loudest = Math.max(loudest, energies[f]);
            Fft.transform(re, im, false);
            for (int k = 0; k < FFT_SIZE; k++) {
                re[k] = Math.log(Math.hypot(re[k], im[k]) + 1e-9);
                im[k] = 0;
            }
            Fft.transform(re, im, true);
            cepstra[f] = java.util.Arrays.copyOf(re, ORDER);
        }
        double floor = loudest * Math.pow(10, -SILENCE_DB / 10);
        boolean[] speech = new boolean[count];
        for (int f = 0; f < count; f++) {
            speech[f] = energies[f] > floor && energies[f] > 0;
        }
        return new Frames(cepstra, speech);
    }

    /** Only the speech frames' cepstra, in time order. */
    public static double[][] speech(Frames frames) {
        List<double[]> speech = new ArrayList<>();
        for (int f = 0; f < frames.cepstra().length; f++) {
            if (frames.speech()[f]) {
                speech.add(frames.cepstra()[f]);
            }
        }
        return speech.toArray(double[][]::new);
    }

    /** The first channel of 16-bit PCM as values in [-1, 1). */
    public static double[] samples(Wav wav) {
        if (wav.bitsPerSample() != 16) {
            throw new IllegalArgumentException("16-bit PCM expected, got " + wav.bitsPerSample() + "-bit");
        }
        ByteBuffer pcm = ByteBuffer.wrap(wav.pcm()).order(ByteOrder.LITTLE_ENDIAN);
        double[] samples = new double[(int) wav.frames()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = pcm.getShort(i * wav.frameBytes()) / 32768.0;
        }
        return samples;
    }
}
