package dev.voicefarm.common.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.voicefarm.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceivedHeartbeatTest {

    private static Heartbeat heartbeat(boolean leaving) {
        return heartbeat(leaving, null, null);
    }

    private static Heartbeat heartbeat(boolean leaving, List<EngineStatus> engines, List<String> voices) {
        List<Gpu> gpus = List.of(new Gpu(GpuVendor.NVIDIA, "small", 4096, 4000, "8.6", null),
                new Gpu(GpuVendor.NVIDIA, "large", 24576, 20000, "8.9", null));
        HardwareProfile profile = new HardwareProfile(gpus, "550", "CUDA 12.4", "Linux", "amd64", "x86", 16, 64000,
                "probe", List.of());
        return new Heartbeat("w-1", HardwareClass.NVIDIA, "gpu:0", "test", profile, new WorkerLimits(true, 4, 8, 8, 24.0), 1, 3,
                2048, Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:05:00Z"), Duration.ofSeconds(2),
                leaving, engines, voices, 0);
    }

    @Test
    void readsWhatTheSchedulerNeedsAndKeepsTheJsonAsSent() {
        String json = Json.encode(heartbeat(false));
        ReceivedHeartbeat received = ReceivedHeartbeat.parse(json);
        assertEquals(ReceivedHeartbeat.of(heartbeat(false)), received);
        assertEquals(new WorkerCapacity("w-1", HardwareClass.NVIDIA, 4, 3, 24.0, true, Set.of(VoiceFamily.VOICEFARM), List.of()),
                received.capacity());
        assertEquals(Duration.ofSeconds(6), received.expiry());
        assertEquals(json, received.json());
        assertEquals(true, ReceivedHeartbeat.parse(Json.encode(heartbeat(true))).leaving());
    }

    @Test
    void theFamiliesAndVoicesOfTheWorkerReachItsCapacity() {
        Heartbeat heartbeat = heartbeat(false, List.of(EngineStatus.inProcess(VoiceFamily.VOICEFARM),
                new EngineStatus(VoiceFamily.GPT_SOVITS, List.of("v2"), List.of(new EngineProcess(0, "ready", "t/a", 3, 1, 900, -1)))),
                List.of("t/a", "t/b"));
        WorkerCapacity capacity = ReceivedHeartbeat.parse(Json.encode(heartbeat)).capacity();
        assertEquals(Set.of(VoiceFamily.values()), capacity.families());
        assertEquals(List.of("t/a", "t/b"), capacity.voices());
        assertEquals(capacity, WorkerCapacity.of(heartbeat));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReceivedHeartbeat.parse("{\"workerId\":\"w-1\"}"));
        assertThrows(IllegalArgumentException.class, () -> ReceivedHeartbeat.parse("not json"));
    }
}
