package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Kills a worker of the running farm with SIGKILL, so it runs after every other test class
 * (src/test/resources/junit-platform.properties orders classes by {@link Order}): a job its
 * share consumer had acquired comes back only when the 30 s acquisition lock expires.
 */
@Order(Integer.MAX_VALUE)
class WorkerDeathIT {

    private static final Duration HEARTBEAT = Duration.ofSeconds(2);

    private final FarmClient farm = FarmClient.admin();

    @Test
    void killedWorkerLeavesTheFleetWithinThreeHeartbeats() throws Exception {
        List<String> workers = Arrays.asList(System.getenv("FARM_WORKERS").trim().split("\\s+"));
        int index = java.util.stream.IntStream.range(0, workers.size())
                .filter(i -> workers.get(i).startsWith("sim:x86-server-64c")).findFirst().orElse(-1);
        assertTrue(index >= 0, "the test stack has no sim:x86-server-64c worker: " + workers);
        String workerId = TestStack.workerId(index, workers.get(index));
        assertTrue(FleetEndToEndIT.classOfEachWorker(farm).containsKey(workerId));

        long pid = Long.parseLong(Files.readString(
                Path.of(System.getenv("FARM_HOME"), "run", "worker-" + index + ".pid")).trim());
        ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
        worker.destroyForcibly();
        worker.onExit().get();
        Instant killed = Instant.now();

        // Three missed heartbeats, plus one routing-table refresh and the gateway's cache.
        Instant deadline = killed.plus(HEARTBEAT.multipliedBy(3)).plusSeconds(3);
        while (FleetEndToEndIT.classOfEachWorker(farm).containsKey(workerId)) {
            assertTrue(Instant.now().isBefore(deadline), workerId + " still in the fleet "
                    + Duration.between(killed, Instant.now()).toMillis() + " ms after it was killed");
            Thread.sleep(200);
        }
        assertFalse(FleetEndToEndIT.classOfEachWorker(farm).containsKey(workerId));
    }
}
