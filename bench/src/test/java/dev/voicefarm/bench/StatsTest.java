package dev.voicefarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCountsAndNothing() {
        assertEquals(3.0, Stats.median(9, 3, 1));
        assertEquals(2.5, Stats.median(4, 1, 3, 2));
        assertTrue(Double.isNaN(Stats.median()));
    }

    @Test
    void percentilesOfLatenciesInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 100; ms++) {
            latencies.record(ms * 1_000_000L);
        }
        assertEquals(100, latencies.count());
        assertEquals(50.0, latencies.p50Ms(), 0.1);
        assertEquals(99.0, latencies.p99Ms(), 0.1);
        assertEquals(0.0, new Latencies().p99Ms());
    }
}
