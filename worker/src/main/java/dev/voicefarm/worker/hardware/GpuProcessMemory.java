package dev.voicefarm.worker.hardware;

import java.util.Collection;
import java.util.Map;

/**
 * How much GPU memory given processes hold, from {@code nvidia-smi --query-compute-apps}: what the
 * worker recycles a GPT-SoVITS process by, beside its resident memory. Only NVIDIA reports memory
 * per process this way; elsewhere (AMD, CPU, a simulated profile) the answer is unknown.
 */
public final class GpuProcessMemory {

    /** One reading serves every process asked about within this while (a health check asks for each). */
    private static final long READING_NANOS = 1_000_000_000L;

    private final ProbeSource source;
    private Map<Long, Long> reading;
    private long readAt;

    public GpuProcessMemory(ProbeSource source) {
        this.source = source;
    }

    /** MiB held by these processes together (0 when none holds any), or -1 when the driver cannot tell. */
    public long usedMb(Collection<Long> pids) {
        Map<Long, Long> used = reading();
        return used == null ? -1 : pids.stream().mapToLong(pid -> used.getOrDefault(pid, 0L)).sum();
    }

    /** The GPU memory of every process, read at most once a second; null when nvidia-smi cannot tell. */
    private synchronized Map<Long, Long> reading() {
        long now = System.nanoTime();
        if (readAt == 0 || now - readAt > READING_NANOS) {
            ProbeSource.Output output = source.run(ProbeCommand.NVIDIA_SMI_COMPUTE_APPS);
            try {
                reading = output.ok() ? ProbeParsers.gpuMemoryByPid(output.text()) : null;
            } catch (IllegalArgumentException e) {
                reading = null;
            }
            readAt = now;
        }
        return reading;
    }
}
