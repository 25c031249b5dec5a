package dev.voicefarm.worker.hardware;

import java.util.Collection;
import java.util.Map;

/**
 * How much GPU memory given processes hold, from {@code nvidia-smi --query-compute-apps}: what the
 * worker recycles a GPT-SoVITS process by, beside its resident memory. Only NVIDIA reports memory
 * per process this way; elsewhere (AMD, CPU, a simulated profile) the answer is unknown.
 */
public final class GpuProcessMemory {

    private final ProbeSource source;

    public GpuProcessMemory(ProbeSource source) {
        this.source = source;
    }

    /** MiB held by these processes together (0 when none holds any), or -1 when the driver cannot tell. */
    public long usedMb(Collection<Long> pids) {
        ProbeSource.Output output = source.run(ProbeCommand.NVIDIA_SMI_COMPUTE_APPS);
        if (!output.ok()) {
            return -1;
        }
        Map<Long, Long> used;
        try {
            used = ProbeParsers.gpuMemoryByPid(output.text());
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return pids.stream().mapToLong(pid -> used.getOrDefault(pid, 0L)).sum();
    }
}
