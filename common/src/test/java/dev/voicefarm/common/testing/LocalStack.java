package dev.voicefarm.common.testing;

import dev.voicefarm.common.state.RedisSettings;
import dev.voicefarm.common.storage.S3Settings;
import java.nio.file.Path;

/**
 * Where the real services of the test stack are. {@code ./farm test} starts Kafka, Redis, the S3
 * server and the three apps, and passes their addresses in FARM_* variables. An integration test
 * run without them fails with this message instead of being skipped: a skipped test proves nothing.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static String kafkaBootstrapServers() {
        return required("KAFKA_BOOTSTRAP_SERVERS");
    }

    public static String redisHost() {
        return required("FARM_REDIS_HOST");
    }

    public static int redisPort() {
        return Integer.parseInt(required("FARM_REDIS_PORT"));
    }

    /** The test stack's Redis, with the password ./farm generated for it. */
    public static RedisSettings redis() {
        String password = System.getenv("FARM_REDIS_PASSWORD");
        return new RedisSettings(redisHost(), redisPort(), password == null ? "" : password);
    }

    /** A user key of the test stack's tenant {@code dev}, made by ./farm when the gateway started. */
    public static String apiKey() {
        return required("FARM_API_KEY");
    }

    /** The gateway's root admin key. */
    public static String adminKey() {
        return required("FARM_GATEWAY_ADMIN_KEY");
    }

    public static String gatewayUrl() {
        return required("FARM_GATEWAY_URL");
    }

    /** The checkout ./farm test runs from: where its scripts and built jars are. */
    public static Path repo() {
        return Path.of(required("FARM_REPO"));
    }

    public static S3Settings s3() {
        String endpoint = required("FARM_S3_ENDPOINT");
        return new S3Settings(endpoint, endpoint, required("FARM_S3_ACCESS_KEY"), required("FARM_S3_SECRET_KEY"),
                "us-east-1");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: integration tests run against the real local "
                    + "stack; start them with ./farm test");
        }
        return value;
    }
}
