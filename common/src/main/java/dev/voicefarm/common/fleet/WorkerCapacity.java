package dev.voicefarm.common.fleet;

import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;
import java.util.Set;

/**
 * What the routing table counts of one live worker, and what routing needs to prefer it.
 *
 * @param vramGb   memory of the GPU it computes on (0 on CPUs), as its limits say
 * @param families the engine families it runs
 * @param voices   the voices it holds loaded ({@code tenant/voiceId})
 */
public record WorkerCapacity(String workerId, HardwareClass hardwareClass, int slots, int freeSlots, double vramGb,
                             boolean trainingAllowed, Set<VoiceFamily> families, List<String> voices) {

    public WorkerCapacity {
        families = families == null ? Set.of(VoiceFamily.VOICEFARM) : Set.copyOf(families);
        voices = voices == null ? List.of() : List.copyOf(voices);
    }

    public static WorkerCapacity of(Heartbeat heartbeat) {
        return of(heartbeat.workerId(), heartbeat.hardwareClass(), heartbeat.limits(), heartbeat.freeSlots(),
                heartbeat.families(), heartbeat.voices());
    }

    public static WorkerCapacity of(String workerId, HardwareClass hardwareClass, WorkerLimits limits, int freeSlots,
                                    Set<VoiceFamily> families, List<String> voices) {
        return new WorkerCapacity(workerId, hardwareClass, limits.slots(), freeSlots, limits.vramGb(),
                limits.trainingAllowed(), families, voices);
    }

    public boolean runs(VoiceFamily family) {
        return families.contains(family);
    }

    public boolean holds(String voiceKey) {
        return voices.contains(voiceKey);
    }
}
