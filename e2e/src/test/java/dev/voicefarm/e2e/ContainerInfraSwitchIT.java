package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch to Testcontainers ({@code FARM_INFRA=containers}; {@code FARM_TEST_INFRA} for
 * {@code ./farm test}) as a person uses it: {@code ./farm up} with Kafka, Redis and S3 only
 * ({@code FARM_APPS=0}) on ports of its own, beside the test stack. Where there is a Docker engine
 * the three containers come up and listen, and {@code ./farm down} removes them; where there is none
 * (this project's machines) it fails at once, exit 1, saying a Docker engine is needed and how to
 * run without one, and leaves nothing running.
 */
class ContainerInfraSwitchIT {

    /** Beside the test stack (+10000) and the benchmark farm (+20000). */
    private static final int OFFSET = 30_000;

    @TempDir
    Path home;

    @Test
    void upStartsContainersOrSaysWhyNot() throws Exception {
        Result up = farm("up");
        try {
            if (up.exit() == 0) {
                for (int port : new int[] {9092 + OFFSET, 6379 + OFFSET, 9000 + OFFSET}) {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        assertTrue(socket.isConnected(), "nothing listens on " + port + ": " + up.output());
                    }
                }
                assertTrue(up.output().contains("containers ready"), up.output());
            } else {
                assertEquals(1, up.exit(), up.output());
                assertTrue(up.output().contains("Testcontainers finds no Docker engine"), up.output());
                assertTrue(up.output().contains("leave them unset and ./farm runs Kafka, Redis and S3 as local processes"),
                        up.output());
            }
        } finally {
            Result down = farm("down");
            assertEquals(0, down.exit(), down.output());
        }
        Result status = farm("status");
        List<String> services = status.output().lines().skip(1).toList();
        assertTrue(services.stream().anyMatch(line -> line.matches("containers +stopped .*")), status.output());
        assertTrue(services.stream().noneMatch(line -> line.contains(" running ")), "something still runs after down: "
                + status.output());
    }

    private record Result(int exit, String output) {
    }

    private Result farm(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getenv("FARM_REPO"), "farm").toString(), command)
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("FARM_") && !name.equals("FARM_REPO") || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
        env.putAll(Map.of("FARM_HOME", home.toString(), "FARM_INFRA", "containers", "FARM_APPS", "0", "FARM_BUILD", "0",
                "FARM_KAFKA_PORT", Integer.toString(9092 + OFFSET), "FARM_KAFKA_CONTROLLER_PORT", Integer.toString(9093 + OFFSET),
                "FARM_REDIS_PORT", Integer.toString(6379 + OFFSET), "FARM_S3_PORT", Integer.toString(9000 + OFFSET)));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(6, TimeUnit.MINUTES), "./farm " + command + " did not finish");
        return new Result(process.exitValue(), output);
    }
}
