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

    /** The engines a heartbeat reports; one from before engines were reported came from a worker of the farm's own family only. */
    public static List<EngineStatus> reported(List<EngineStatus> engines) {
        return engines == null ? List.of(inProcess(VoiceFamily.VOICEFARM)) : List.copyOf(engines);
    }

    /** The families of these engines. */
    public static Set<VoiceFamily> families(List<EngineStatus> engines) {
        return engines.stream().map(EngineStatus::family).collect(Collectors.toUnmodifiableSet());
    }

    /** An engine that runs inside the worker. */
    public static EngineStatus inProcess(VoiceFamily family) {
        return new EngineStatus(family, List.of(), List.of());
    }
}
