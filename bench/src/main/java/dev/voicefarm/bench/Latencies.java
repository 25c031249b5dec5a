package dev.voicefarm.bench;

import org.HdrHistogram.Histogram;

/** Latencies of one run, kept to three significant digits from 1 µs to one hour. */
public final class Latencies {

    private static final long MAX_MICROS = 3_600_000_000L;

    private final Histogram histogram = new Histogram(MAX_MICROS, 3);

    public void record(long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1_000)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The given percentile (0–100) in milliseconds; 0 without samples. */
    public double percentileMs(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double p50Ms() {
        return percentileMs(50);
    }

    public double p99Ms() {
        return percentileMs(99);
    }
}
