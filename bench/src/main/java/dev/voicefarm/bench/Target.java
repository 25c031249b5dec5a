package dev.voicefarm.bench;

import dev.voicefarm.common.state.RedisSettings;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.RedisClient;

/**
 * The farm under test, as bench/farm.sh describes it in FARM_* variables (the same names ./farm
 * gives the apps). Every default is the local stack's.
 */
public record Target(String gatewayUrl, String apiKey, String kafka, String redisHost, int redisPort,
                     String redisPassword, String s3Endpoint, String s3AccessKey, String s3SecretKey, Path farmHome,
                     int workerSlots) {

    /** The tenant of ./farm's dev key, which the benchmark submits with. */
    public static final String TENANT = "dev";

    /** From the environment {@code ./farm env} prints. */
    public static Target fromEnvironment() {
        return new Target(
                env("FARM_GATEWAY_URL", "http://127.0.0.1:8080"),
                env("FARM_API_KEY", ""),
                env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env("FARM_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env("FARM_REDIS_PORT", "6379")),
                env("FARM_REDIS_PASSWORD", ""),
                env("FARM_S3_ENDPOINT", "http://127.0.0.1:9000"),
                env("FARM_S3_ACCESS_KEY", "minioadmin"),
                env("FARM_S3_SECRET_KEY", "minioadmin"),
                Path.of(env("FARM_HOME", ".farm")),
                Integer.parseInt(env("FARM_WORKER_SLOTS", "1")));
    }

    public RedisClient redis() {
        return new RedisSettings(redisHost, redisPort, redisPassword).open();
    }

    public ArtifactStore artifacts() {
        return new ArtifactStore(new S3Settings(s3Endpoint, s3Endpoint, s3AccessKey, s3SecretKey, "us-east-1"));
    }

    /** Whether a service of the path runs on a JVM (all but Redis): what JFR and the JIT figures apply to. */
    public static boolean isJvm(String service) {
        return !service.equals("redis");
    }

    /** The pid ./farm recorded for a service (scheduler, gateway, worker-0, ...). */
    public long pid(String service) {
        try {
            return Long.parseLong(Files.readString(farmHome.resolve("run").resolve(service + ".pid")).trim());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no pid for " + service + " under " + farmHome + "/run: is the farm up?", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
