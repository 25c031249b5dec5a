package dev.voicefarm.common.audio.quality;

import dev.voicefarm.common.audio.Wav;
import java.util.List;

/**
 * How far a rendering is from a reference recording of the same words: cepstral distortion and F0
 * error, on speech frames aligned by DTW on cepstral coefficients 1–19.
 * <ul>
 *   <li>MCD, dB, coefficients 1–39 (c0, the loudness, left out):
 *       {@code (10 / ln 10) · mean over aligned frames of √(2 · Σ_d (c_d − c'_d)²)}. Different
 *       speakers come out around 5–9 dB, the same voice at another speed under about 2 dB.</li>
 *   <li>F0 RMSE, Hz, over aligned frames voiced in both.</li>
 * </ul>
 */
public final class Mcd {

    private static final double DB = 10 / Math.log(10);

    private Mcd() {
    }

    /** @param f0RmseHz NaN when no aligned frame is voiced in both */
    public record Distance(double mcdDb, double f0RmseHz) {
    }

    public static double between(Wav output, Wav reference) {
        return distance(output, reference).mcdDb();
    }

    public static Distance distance(Wav output, Wav reference) {
        if (output.sampleRate() != reference.sampleRate()) {
            throw new IllegalArgumentException("sample rates differ: " + output.sampleRate() + " and "
                    + reference.sampleRate() + " Hz");
        }
        Cepstra.Frames a = Cepstra.of(output);
        Cepstra.Frames b = Cepstra.of(reference);
        int[] speechA = speechIndex(a.speech());
        int[] speechB = speechIndex(b.speech());
        List<int[]> path = Dtw.align(Cepstra.speech(a), Cepstra.speech(b), 1, 20);
        double[] f0a = PitchTracker.f0(output, a.speech());
        double[] f0b = PitchTracker.f0(reference, b.speech());
        double distortion = 0;
        double f0Error = 0;
        int voiced = 0;
        for (int[] pair : path) {
            int i = speechA[pair[0]];
            int j = speechB[pair[1]];
            distortion += Math.sqrt(2) * Dtw.distance(a.cepstra()[i], b.cepstra()[j], 1, Cepstra.ORDER);
            if (f0a[i] > 0 && f0b[j] > 0) {
                f0Error += (f0a[i] - f0b[j]) * (f0a[i] - f0b[j]);
                voiced++;
            }
        }
        return new Distance(DB * distortion / path.size(), voiced == 0 ? Double.NaN : Math.sqrt(f0Error / voiced));
    }

    private static int[] speechIndex(boolean[] speech) {
        int[] index = new int[speech.length];
        int n = 0;
        for (int f = 0; f < speech.length; f++) {
            if (speech[f]) {
                index[n++] = f;
            }
        }
        return java.util.Arrays.copyOf(index, n);
    }
}
