package dev.voicefarm.common.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Loudness by ITU-R BS.1770-4 (what EBU R128 and FFmpeg's {@code ebur128} measure) and the true
 * peak, and the normalisation every synthesised sentence goes through: a gain to the target
 * loudness, lowered where needed so the true peak stays under the ceiling. A gain alone never
 * clips, since the ceiling is below full scale; no limiter reshapes the waveform.
 */
public final class Loudness {

    /** Speech for web and mobile playback (AES TD1004, and what streaming TTS services deliver). */
    public static final double TARGET_LUFS = -16;
    /** Leaves room for the overshoot of lossy encoders (MP3, AAC, Opus) above the PCM's true peak. */
    public static final double CEILING_DBTP = -1.5;

    private static final double BLOCK_SECONDS = 0.4;
    private static final double STEP_SECONDS = 0.1;
    private static final double ABSOLUTE_GATE_LUFS = -70;
    private static final double RELATIVE_GATE_LU = -10;
    private static final double LIMITER_WINDOW_SECONDS = 0.005;
    private static final double LIMITER_RELEASE_SECONDS = 0.02;
    private static final int LIMITER_PASSES = 4;
    private static final double LOUDNESS_TOLERANCE_LU = 0.2;
    private static final int OVERSAMPLING = 4;
    private static final int TAPS_PER_PHASE = 12;
    private static final double[][] PHASES = interpolationPhases();

    private Loudness() {
    }

    /** Integrated loudness of 16-bit mono audio in LUFS; negative infinity for silence. */
    public static double integrated(Wav wav) {
        double[] x = kWeighted(samples(wav), wav.sampleRate());
        int block = (int) Math.round(BLOCK_SECONDS * wav.sampleRate());
        int step = (int) Math.round(STEP_SECONDS * wav.sampleRate());
        double[] powers;
        if (x.length <= block) {
            powers = new double[] {meanSquare(x, 0, x.length)};
        } else {
            powers = new double[(x.length - block) / step + 1];
            for (int i = 0; i < powers.length; i++) {
                powers[i] = meanSquare(x, i * step, block);
            }
        }
        double absolute = gatedMean(powers, power(ABSOLUTE_GATE_LUFS));
        if (absolute == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = gatedMean(powers, absolute * Math.pow(10, RELATIVE_GATE_LU / 10));
        return lufs(relative);
    }

    /** The true peak of 16-bit mono audio (4× oversampled), as a fraction of full scale. */
    public static double truePeak(Wav wav) {
        double[] x = samples(wav);
        double peak = 0;
        for (int n = 0; n < x.length; n++) {
            peak = Math.max(peak, Math.abs(x[n]));
            int centre = n + TAPS_PER_PHASE / 2;
            // Only the taps whose sample lies inside the audio, so the inner loop tests no bounds: every
            // sentence is normalised, its true peak measured more than once, and this loop was the
            // worker's hottest method in bench/profile.sh (bench/results/path-profile-before.md).
            int firstTap = Math.max(0, centre - (x.length - 1));
            for (double[] phase : PHASES) {
                int lastTap = Math.min(phase.length - 1, centre);
                double y = 0;
                for (int k = firstTap; k <= lastTap; k++) {
                    y += x[centre - k] * phase[k];
                }
                peak = Math.max(peak, Math.abs(y));
            }
        }
        return peak;
    }

    /**
     * The audio at {@link #TARGET_LUFS} with its true peak under {@link #CEILING_DBTP}: the gain to
     * the target, then a peak limiter for the few peaks that gain takes over the ceiling (speech
     * from eSpeak NG peaks some 19 dB over its loudness; a gain alone would stop near -20 LUFS),
     * and a last gain down should an inter-sample peak still pass it.
     */
    public static Wav normalize(Wav wav) {
        double loudness = integrated(wav);
        if (Double.isInfinite(loudness)) {
            return wav;
        }
        double[] x = samples(wav);
        double ceiling = Math.pow(10, CEILING_DBTP / 20);
        Wav limited = wav;
        // Limiting takes loudness away with the peaks (most of it, where the peaks are clicks):
        // measured again, and the rest made up, a few times at most.
        for (int pass = 0; pass < LIMITER_PASSES && Math.abs(TARGET_LUFS - loudness) > LOUDNESS_TOLERANCE_LU; pass++) {
            double gain = Math.pow(10, (TARGET_LUFS - loudness) / 20);
            for (int i = 0; i < x.length; i++) {
                x[i] *= gain;
            }
            // Sample peaks held half a decibel lower: the peaks between samples sit a little higher.
            limit(x, ceiling * Math.pow(10, -0.5 / 20), wav.sampleRate());
            limited = pcm(x, wav.sampleRate());
            loudness = integrated(limited);
        }
        double peak = truePeak(limited);
        if (peak <= ceiling) {
            return limited;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] *= ceiling / peak;
        }
        return pcm(x, wav.sampleRate());
    }

    /**
     * A look-ahead peak limiter: the gain each sample needs to stay under {@code ceiling}, taken as
     * the minimum over {@value #LIMITER_WINDOW_SECONDS} s either side, averaged over that window
     * (so it ramps down before a peak instead of jumping) and recovering with a release of
     * {@value #LIMITER_RELEASE_SECONDS} s. Every sample's gain is at most what it needs, so no
     * sample passes the ceiling.
     */
    private static void limit(double[] x, double ceiling, int rate) {
        int n = x.length;
        double[] need = new double[n];
        boolean over = false;
        for (int i = 0; i < n; i++) {
            double magnitude = Math.abs(x[i]);
            need[i] = magnitude > ceiling ? ceiling / magnitude : 1;
            over |= magnitude > ceiling;
        }
        if (!over) {
            return;
        }
        int window = Math.max(1, (int) Math.round(LIMITER_WINDOW_SECONDS * rate));
        double[] least = slidingMinimum(need, window);
        double release = Math.exp(-1.0 / (LIMITER_RELEASE_SECONDS * rate));
        double sum = 0;
        int width = window + 1;
        double gain = 1;
        for (int i = 0; i < n + width / 2; i++) {
            if (i < n) {
                sum += least[i];
            }
            if (i >= width) {
                sum -= least[i - width];
            }
            int centre = i - width / 2;
            if (centre >= 0) {
                int count = Math.min(i, n - 1) - Math.max(0, i - width + 1) + 1;
                double smoothed = sum / count;
                gain = Math.min(smoothed, 1 - (1 - gain) * release);
                x[centre] *= gain;
            }
        }
    }

    /** The minimum of {@code values} within {@code radius} of each index (a monotonic queue). */
    private static double[] slidingMinimum(double[] values, int radius) {
        int n = values.length;
        double[] out = new double[n];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int i = 0, next = 0; i < n; i++) {
            for (; next < n && next <= i + radius; next++) {
                while (!queue.isEmpty() && values[queue.peekLast()] >= values[next]) {
                    queue.pollLast();
                }
                queue.addLast(next);
            }
            while (queue.peekFirst() < i - radius) {
                queue.pollFirst();
            }
            out[i] = values[queue.peekFirst()];
        }
        return out;
    }

    private static Wav pcm(double[] x, int rate) {
        ByteBuffer out = ByteBuffer.allocate(x.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (double sample : x) {
            long scaled = Math.round(sample * 32768);
            out.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled)));
        }
        return new Wav(rate, 1, 16, out.array());
    }

    private static double[] samples(Wav wav) {
        if (wav.channels() != 1 || wav.bitsPerSample() != 16) {
            throw new IllegalArgumentException("loudness is measured on 16-bit mono audio");
        }
        ByteBuffer in = ByteBuffer.wrap(wav.pcm()).order(ByteOrder.LITTLE_ENDIAN);
        double[] x = new double[wav.pcm().length / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = in.getShort() / 32768.0;
        }
        return x;
    }

    /**
     * BS.1770's K-weighting at any rate: the high shelf and the high pass of the standard, their
     * analogue prototypes mapped by the bilinear transform (the constants are the standard's 48 kHz
     * filters' poles and zeros, as libebur128 derives them).
     */
    private static double[] kWeighted(double[] x, int rate) {
        double k = Math.tan(Math.PI * 1681.974450955533 / rate);
        double q = 0.7071752369554196;
        double vh = Math.pow(10, 3.999843853973347 / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double[] shelf = biquad(x, (vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        k = Math.tan(Math.PI * 38.13547087602444 / rate);
        q = 0.5003270373238773;
        a0 = 1 + k / q + k * k;
        return biquad(shelf, 1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
    }

    private static double[] biquad(double[] x, double b0, double b1, double b2, double a1, double a2) {
        double[] y = new double[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int n = 0; n < x.length; n++) {
            double out = b0 * x[n] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x[n];
            y2 = y1;
            y1 = out;
            y[n] = out;
        }
        return y;
    }

    private static double meanSquare(double[] x, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += x[i] * x[i];
        }
        return length == 0 ? 0 : sum / length;
    }

    /** The mean of the block powers above the gate, 0 when none is. */
    private static double gatedMean(double[] powers, double gate) {
        double sum = 0;
        int count = 0;
        for (double p : powers) {
            if (p > gate) {
                sum += p;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double lufs(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    private static double power(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    /** The three in-between phases of a Hann-windowed sinc interpolator, 4× oversampling. */
    private static double[][] interpolationPhases() {
        double[][] phases = new double[OVERSAMPLING - 1][TAPS_PER_PHASE];
        for (int p = 1; p < OVERSAMPLING; p++) {
            for (int k = 0; k < TAPS_PER_PHASE; k++) {
                double t = k - TAPS_PER_PHASE / 2.0 + (double) p / OVERSAMPLING;
                double sinc = Math.sin(Math.PI * t) / (Math.PI * t);
                double window = 0.5 + 0.5 * Math.cos(Math.PI * t / (TAPS_PER_PHASE / 2.0 + 1));
                phases[p - 1][k] = sinc * window;
            }
        }
        return phases;
    }
}
