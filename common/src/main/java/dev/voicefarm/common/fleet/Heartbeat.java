package dev.voicefarm.common.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import dev.voicefarm.common.voices.VoiceFamily;

/**
 * What a worker says about itself every heartbeat interval on {@code farm.heartbeats} (key: the
 * worker id). A worker that stops sending leaves the fleet after three intervals; one that shuts
 * down cleanly sends a last heartbeat with {@code leaving} set and leaves at once.
 *
 * @param deviceMemoryUsedMb memory in use on the compute device (GPU memory on GPUs, the worker's
 *                           heap on CPUs)
 * @param engines            the engine families it runs, with their model-server processes
 * @param voices             the voices it holds loaded now ({@code tenant/voiceId}): routing prefers it for them
 * @param voiceLoads         how often it loaded a voice it did not hold (a voice switch) since it started
 */
public record Heartbeat(
        String workerId,
        HardwareClass hardwareClass,
        String device,
        String reason,
        HardwareProfile profile,
        WorkerLimits limits,
        int runningJobs,
        int freeSlots,
        long deviceMemoryUsedMb,
        Instant startedAt,
        Instant at,
        Duration interval,
        boolean leaving,
        List<EngineStatus> engines,
        List<String> voices,
        long voiceLoads) {

    public Heartbeat {
        engines = EngineStatus.reported(engines);
        voices = voices == null ? List.of() : List.copyOf(voices);
    }

    /** The engine families this worker runs. */
    public Set<VoiceFamily> families() {
        return EngineStatus.families(engines);
    }

    /** How long the fleet keeps this worker without news. */
    public Duration expiry() {
        return expiryOf(interval);
    }

    /** Three intervals: a worker may miss two heartbeats before it leaves the fleet. */
    public static Duration expiryOf(Duration interval) {
        return interval.multipliedBy(3);
    }

    @JsonProperty("simulated")
    public boolean simulated() {
        return profile.simulated();
    }
}
