package dev.voicefarm.common.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a worker found out about its machine. A simulated profile is read from recorded probe
 * outputs of a real machine instead of this one; the class rules treat it exactly like a probed one.
 *
 * @param driverVersion  GPU driver version, or {@code null} without a GPU
 * @param runtimeVersion CUDA or ROCm version, or {@code null}
 * @param source         {@code probe}, or {@code sim:<name>} for a simulated profile
 * @param notes          why a GPU was not found or not usable (missing tool, unreadable output, ...)
 */
public record HardwareProfile(
        List<Gpu> gpus,
        String driverVersion,
        String runtimeVersion,
        String os,
        String arch,
        String cpuModel,
        int cpuCores,
        long memoryMb,
        String source,
        List<String> notes) {

    public HardwareProfile {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
    }

    @JsonProperty("simulated")
    public boolean simulated() {
        return source.startsWith("sim:");
    }

    /** The GPU of this vendor with the most memory. */
    public Optional<Gpu> largestGpu(GpuVendor vendor) {
        return gpus.stream().filter(g -> g.vendor() == vendor).max(Comparator.comparingLong(Gpu::vramTotalMb));
    }
}
