package dev.voicefarm.common.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th wait (n from 1) is uniform in
 * {@code [0, min(cap, base × 2^(n-1))]}. Jitter keeps the jobs that one outage failed together from
 * retrying together when it ends.
 */
public record Backoff(Duration base, Duration cap) {

    /** What the farm uses for transient failures of S3, Kafka and Redis. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    /** The upper bound of the n-th wait, before jitter. */
    public Duration ceiling(int retry) {
        long millis = base.toMillis() << Math.min(Math.max(retry - 1, 0), 30);
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    /** The n-th wait, jittered. */
    public Duration delay(int retry) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling(retry).toMillis() + 1));
    }
}
