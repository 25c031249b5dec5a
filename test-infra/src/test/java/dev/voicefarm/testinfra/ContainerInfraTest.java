package dev.voicefarm.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/** The launcher's command line, and what it does on this machine: with or without a Docker engine. */
class ContainerInfraTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aBadCommandLineIsUsage() throws Exception {
        assertEquals(2, run(environment(), "stop"));
        assertEquals(2, run(environment(), "restart", "kafka"));
        assertTrue(err().startsWith("usage: voicefarm-test-infra"), err());
    }

    @Test
    void aMissingSettingIsNamed() throws Exception {
        Map<String, String> env = environment();
        env.remove("FARM_REDIS_PASSWORD");
        assertEquals(2, run(env, "up"));
        assertEquals("voicefarm-test-infra: FARM_REDIS_PASSWORD is not set (./farm sets it)", err().strip());
    }

    /**
     * Without a Docker engine (these machines) it says so in one line and exits 3, which ./farm
     * reports; with one, {@code status} of a stack never started lists no container.
     */
    @Test
    void saysWhetherItCanRunHere() throws Exception {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            assertEquals(0, run(environment(), "status"));
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        } else {
            assertEquals(ContainerInfra.NO_DOCKER, run(environment(), "up"));
            assertTrue(err().contains("Testcontainers finds no Docker engine"), err());
            assertTrue(err().contains("FARM_INFRA=containers (FARM_TEST_INFRA for ./farm test) needs one"), err());
        }
    }

    private int run(Map<String, String> env, String... args) throws Exception {
        return ContainerInfra.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("FARM_KAFKA_PORT", "29092");
        env.put("FARM_REDIS_PORT", "26379");
        env.put("FARM_S3_PORT", "29000");
        env.put("FARM_KAFKA_LOCK_MS", "10000");
        env.put("FARM_REDIS_PASSWORD", "password");
        env.put("FARM_S3_ACCESS_KEY", "access");
        env.put("FARM_S3_SECRET_KEY", "secret-secret");
        env.put("FARM_HOME", home.toString());
        env.put("FARM_REPO", Path.of("..").toAbsolutePath().normalize().toString());
        return env;
    }
}
