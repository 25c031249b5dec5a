package dev.voicefarm.testinfra;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the containers listen and with which credentials: the same variables ./farm sets for the
 * local processes, so the apps and the tests reach the containers at the addresses they would
 * reach the processes at.
 */
record InfraSettings(int kafkaPort, int redisPort, int s3Port, long lockMs, String redisPassword,
                     String s3AccessKey, String s3SecretKey, Path home, Path repo) {

    static InfraSettings fromEnvironment(Map<String, String> env) {
        return new InfraSettings(number(env, "FARM_KAFKA_PORT"), number(env, "FARM_REDIS_PORT"), number(env, "FARM_S3_PORT"),
                number(env, "FARM_KAFKA_LOCK_MS"), required(env, "FARM_REDIS_PASSWORD"), required(env, "FARM_S3_ACCESS_KEY"),
                required(env, "FARM_S3_SECRET_KEY"), Path.of(required(env, "FARM_HOME")), Path.of(required(env, "FARM_REPO")));
    }

    Path compose() {
        return repo.resolve("docker-compose.yml");
    }

    Path brokerTemplate() {
        return repo.resolve("deploy/local/kafka-server.properties");
    }

    /** The containers' ids by farm service, for the later stop and start commands. */
    Path stateFile() {
        return home.resolve("run/containers.state");
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (./farm sets it)");
        }
        return value;
    }

    private static int number(Map<String, String> env, String name) {
        try {
            return Integer.parseInt(required(env, name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + env.get(name) + "'");
        }
    }
}
