package dev.voicefarm.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.HardwareProfile;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.fleet.ReceivedHeartbeat;
import dev.voicefarm.common.fleet.WorkerLimits;
import dev.voicefarm.common.testing.LocalStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The fleet registry against the real Redis server of the test stack. */
class FleetStoreIT {

    private static RedisClient redis;
    private static FleetStore fleet;

    @BeforeAll
    static void connect() {
        redis = LocalStack.redis().open();
        fleet = new FleetStore(redis, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static Heartbeat heartbeat(String id, Instant at, Duration interval, boolean leaving) {
        HardwareProfile profile = new HardwareProfile(List.of(), null, null, "Linux", "amd64", "x86", 4, 8000,
                "sim:test", List.of());
        return new Heartbeat(id, HardwareClass.CPU, "cpu", "test", profile, new WorkerLimits(true, 1, 1, 1, 0), 0, 1, 10,
                at, at, interval, leaving, null, null, 0);
    }

    private static boolean listed(String id) {
        return fleet.live().stream().anyMatch(h -> h.workerId().equals(id));
    }

    @Test
    void aWorkerThatStopsHeartbeatingLeavesAfterThreeIntervals() throws Exception {
        String id = "it-" + UUID.randomUUID();
        fleet.record(List.of(ReceivedHeartbeat.of(heartbeat(id, Instant.now(), Duration.ofMillis(200), false))));
        assertTrue(listed(id));
        Thread.sleep(700);
        assertFalse(listed(id));
    }

    @Test
    void aLeavingWorkerLeavesAtOnce() {
        String id = "it-" + UUID.randomUUID();
        fleet.record(List.of(ReceivedHeartbeat.of(heartbeat(id, Instant.now(), Duration.ofSeconds(2), false))));
        fleet.record(List.of(ReceivedHeartbeat.of(heartbeat(id, Instant.now(), Duration.ofSeconds(2), true))));
        assertFalse(listed(id));
    }

    @Test
    void aReplayedOldHeartbeatDoesNotBringAWorkerBack() {
        String id = "it-" + UUID.randomUUID();
        fleet.record(List.of(ReceivedHeartbeat.of(heartbeat(id, Instant.now().minus(FleetStore.STALE).minusSeconds(1), Duration.ofSeconds(2), false))));
        assertFalse(listed(id));
        assertEquals(heartbeat(id, Instant.EPOCH, Duration.ofSeconds(2), false).expiry(), Duration.ofSeconds(6));
    }

    @Test
    void theSchedulerReadsTheRegistryAsItWasSent() {
        String id = "it-" + UUID.randomUUID();
        ReceivedHeartbeat sent = ReceivedHeartbeat.of(heartbeat(id, Instant.now(), Duration.ofSeconds(2), false));
        fleet.record(List.of(sent));
        assertTrue(fleet.liveReceived().contains(sent));
    }
}
