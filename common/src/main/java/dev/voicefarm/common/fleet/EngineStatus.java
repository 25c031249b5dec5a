package dev.voicefarm.common.fleet;

import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An engine family a worker runs, as its heartbeat says.
 *
 * @param versions  the model versions it can run (GPT-SoVITS: v2, v2Pro, ...); empty where the family has one
 * @param processes the model-server processes it supervises (GPT-SoVITS's api_v2); empty for in-process engines
 */
public record EngineStatus(VoiceFamily family, List<String> versions, List<EngineProcess> processes) {

    public EngineStatus {
        versions = versions == null ? List.of() : List.copyOf(versions);
        processes = processes == null ? List.of() : List.copyOf(processes);
    }

    /** The families of these engines; a heartbeat from before families were reported came from a worker of the farm's own. */
    public static Set<VoiceFamily> families(List<EngineStatus> engines) {
        return engines == null ? Set.of(VoiceFamily.VOICEFARM)
                : engines.stream().map(EngineStatus::family).collect(Collectors.toUnmodifiableSet());
    }

    /** An engine that runs inside the worker. */
    public static EngineStatus inProcess(VoiceFamily family) {
        return new EngineStatus(family, List.of(), List.of());
    }
}
