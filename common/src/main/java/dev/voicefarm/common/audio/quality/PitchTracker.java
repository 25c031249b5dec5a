package dev.voicefarm.common.audio.quality;

import dev.voicefarm.common.audio.Wav;

/**
 * Fundamental frequency per frame, on the same frames as {@link Cepstra} (1024 samples, hop 256):
 * the lag of the highest normalised autocorrelation between 60 and 400 Hz, or 0 (unvoiced) when
 * that peak is below 0.5 or the frame is not speech.
 */
public final class PitchTracker {

    private static final double MIN_HZ = 60;
    private static final double MAX_HZ = 400;
    private static final double VOICED = 0.5;

    private PitchTracker() {
    }

    public static double[] f0(Wav wav, boolean[] speech) {
        double[] samples = Cepstra.samples(wav);
        int minLag = (int) Math.floor(wav.sampleRate() / MAX_HZ);
        int maxLag = (int) Math.ceil(wav.sampleRate() / MIN_HZ);
        double[] f0 = new double[speech.length];
        for (int f = 0; f < speech.length; f++) {
            if (!speech[f]) {
                continue;
            }
            int start = f * Cepstra.HOP;
            int n = Cepstra.FFT_SIZE - maxLag;
            double energy = 0;
            for (int i = 0; i < n; i++) {
                energy += samples[start + i] * samples[start + i];
            }
            double best = 0;
            int bestLag = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double sum = 0;
                double shifted = 0;
                for (int i = 0; i < n; i++) {
                    sum += samples[start + i] * samples[start + i + lag];
                    shifted += samples[start + i + lag] * samples[start + i + lag];
                }
                double r = sum / Math.sqrt(energy * shifted + 1e-12);
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            f0[f] = best >= VOICED ? (double) wav.sampleRate() / bestLag : 0;
        }
        return f0;
    }

    /** Mean log-F0 over voiced frames, or NaN when no frame is voiced. */
    public static double meanLogF0(double[] f0) {
        double sum = 0;
        int voiced = 0;
        for (double hz : f0) {
            if (hz > 0) {
                sum += Math.log(hz);
                voiced++;
            }
        }
        return voiced == 0 ? Double.NaN : sum / voiced;
    }
}
