package dev.voicefarm.scheduler.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.HardwareProfile;
import dev.voicefarm.common.fleet.ReceivedHeartbeat;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.fleet.WorkerLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveFleetTest {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final LiveFleet fleet = new LiveFleet(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private ReceivedHeartbeat heartbeat(String id, int freeSlots, boolean leaving) {
        HardwareProfile profile = new HardwareProfile(List.of(), null, null, "Linux", "amd64", "x86", 8, 16000, "probe", List.of());
        return ReceivedHeartbeat.of(new Heartbeat(id, HardwareClass.CPU, "cpu", "test", profile,
                new WorkerLimits(true, 2, 1, 1, 0), 2 - freeSlots, freeSlots, 100, now, now, INTERVAL, leaving, null, null, 0));
    }

    private ReceivedHeartbeat heartbeat(String id, boolean leaving) {
        return heartbeat(id, 2, leaving);
    }

    private int liveCount() {
        return fleet.live().size();
    }

    @Test
    void aWorkerLivesThreeIntervalsAfterItsLastHeartbeat() {
        fleet.record(List.of(heartbeat("a", false), heartbeat("b", false)));
        now = now.plus(INTERVAL.multipliedBy(2));
        fleet.record(List.of(heartbeat("b", false)));
        now = now.plus(INTERVAL).minusMillis(1);
        assertEquals(2, liveCount());
        now = now.plusMillis(1);
        assertEquals(1, liveCount());
        now = now.plus(INTERVAL.multipliedBy(2));
        assertEquals(0, liveCount());
    }

    @Test
    void aLeavingWorkerGoesAtOnce() {
        fleet.record(List.of(heartbeat("a", false), heartbeat("b", false)));
        fleet.record(List.of(heartbeat("a", true)));
        assertEquals(1, liveCount());
    }

    @Test
    void theNewestHeartbeatOfAWorkerIsTheOneKept() {
        fleet.record(List.of(heartbeat("a", 2, false)));
        now = now.plusSeconds(1);
        fleet.record(List.of(heartbeat("a", 0, false)));
        assertEquals(List.of(0), fleet.live().stream().map(WorkerCapacity::freeSlots).toList());
    }
}
