package dev.voicefarm.common.health;

import dev.voicefarm.common.kafka.KafkaPing;
import dev.voicefarm.common.storage.ArtifactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import redis.clients.jedis.UnifiedJedis;

/**
 * The readiness checks every app makes of what it depends on, each named for its dependency so
 * that {@code /q/health/ready} says which one is failing and why ({@code data.error}). A check asks
 * the dependency itself (PING, a bucket, the cluster), within a short timeout of the client's own,
 * and never throws: a dependency that does not answer is DOWN.
 */
public final class DependencyChecks {

    private DependencyChecks() {
    }

    /** Redis answers PING. */
    public static HealthCheck redis(Supplier<UnifiedJedis> redis) {
        return named("redis", () -> {
            UnifiedJedis client = redis.get();
            if (client == null) {
                throw new IllegalStateException("not connected yet");
            }
            return client.ping();
        });
    }

    /** S3 answers (whether the farm's buckets exist yet is said, not judged: they are made on first use). */
    public static HealthCheck s3(Supplier<ArtifactStore> store) {
        return named("s3", () -> {
            ArtifactStore artifacts = store.get();
            if (artifacts == null) {
                throw new IllegalStateException("not connected yet");
            }
            List<String> missing = artifacts.missingBuckets();
            return missing.isEmpty() ? "buckets found" : "answers; not made yet: " + String.join(", ", missing);
        });
    }

    /** Kafka answers a cluster description. */
    public static HealthCheck kafka(KafkaPing ping) {
        return named("kafka", () -> {
            ping.ping();
            return "cluster answered";
        });
    }

    /** Something this app made itself (a table, a heartbeat) is no older than {@code maxAge}. */
    public static HealthCheck fresh(String name, Supplier<Instant> madeAt, Duration maxAge) {
        return named(name, () -> {
            Instant at = madeAt.get();
            Duration age = at == null ? null : Duration.between(at, Instant.now());
            if (age == null || age.compareTo(maxAge) > 0) {
                throw new IllegalStateException(at == null || at.equals(Instant.EPOCH) ? "none yet"
                        : "last one " + age.toSeconds() + " s old, more than " + maxAge.toSeconds() + " s");
            }
            return age.toMillis() + " ms old";
        });
    }

    /** A check named {@code name}: UP with the probe's answer, DOWN with what it threw. */
    public static HealthCheck named(String name, Callable<String> probe) {
        return () -> {
            try {
                return HealthCheckResponse.named(name).up().withData("detail", String.valueOf(probe.call())).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HealthCheckResponse.named(name).down().withData("error", "interrupted").build();
            } catch (Exception e) {
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return HealthCheckResponse.named(name).down().withData("error", error).build();
            }
        };
    }
}
