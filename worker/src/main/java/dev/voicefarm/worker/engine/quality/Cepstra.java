package dev.voicefarm.worker.engine.quality;

import dev.voicefarm.common.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The spectral envelope of speech, frame by frame: Hann-windowed STFT (1024 points, hop 256), log
 * amplitude, real cepstrum (inverse FFT of the log amplitude) truncated to {@value #ORDER}
 * coefficients. Silent frames (40 dB below the loudest) are dropped, since distortion is measured
 * on speech, not on pauses.
 */
final class Cepstra {

    static final int ORDER = 40;
    static final int FFT_SIZE = 1024;
    static final int HOP = 256;
    private static final double SILENCE_DB = 40;

    private Cepstra() {
    }

    /** Cepstra of the voiced-or-loud frames, in time order. */
    static double[][] of(Wav wav) {
        double[] samples = samples(wav);
        double[] window = new double[FFT_SIZE];
        for (int i = 0; i < FFT_SIZE; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE);
        }
        List<double[]> frames = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        for (int start = 0; start + FFT_SIZE <= samples.length; start += HOP) {
            double[] re = new double[FFT_SIZE];
            double[] im = new double[FFT_SIZE];
            double energy = 0;
            for (int i = 0; i < FFT_SIZE; i++) {
                re[i] = samples[start + i] * window[i];
                energy += re[i] * re[i];
            }
            Fft.transform(re, im, false);
            for (int k = 0; k < FFT_SIZE; k++) {
                re[k] = Math.log(Math.hypot(re[k], im[k]) + 1e-9);
                im[k] = 0;
            }
            Fft.transform(re, im, true);
            double[] cepstrum = new double[ORDER];
            System.arraycopy(re, 0, cepstrum, 0, ORDER);
            frames.add(cepstrum);
            energies.add(energy);
        }
        double loudest = energies.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double floor = loudest * Math.pow(10, -SILENCE_DB / 10);
        List<double[]> speech = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (energies.get(i) > floor && energies.get(i) > 0) {
                speech.add(frames.get(i));
            }
        }
        return speech.toArray(double[][]::new);
    }

    /** The first channel of 16-bit PCM as values in [-1, 1). */
    static double[] samples(Wav wav) {
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
