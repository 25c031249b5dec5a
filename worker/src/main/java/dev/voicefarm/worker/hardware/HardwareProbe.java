package dev.voicefarm.worker.hardware;

import dev.voicefarm.common.fleet.Gpu;
import dev.voicefarm.common.fleet.GpuVendor;
import dev.voicefarm.common.fleet.HardwareProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Builds a {@link HardwareProfile} from a {@link ProbeSource}. A vendor tool that is missing, fails
 * or prints something unreadable means "no GPU of that vendor": the reason goes into the profile's
 * notes and the log, and the probe carries on.
 */
public final class HardwareProbe {

    private static final Logger LOG = Logger.getLogger(HardwareProbe.class);

    public HardwareProfile probe(ProbeSource source) {
        List<Gpu> gpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String driver = null;
        String runtime = null;

        ProbeSource.Output nvidia = source.run(ProbeCommand.NVIDIA_SMI_QUERY);
        List<Gpu> nvidiaGpus = nvidiaGpus(nvidia, notes);
        if (!nvidiaGpus.isEmpty()) {
            gpus.addAll(nvidiaGpus);
            driver = ProbeParsers.nvidiaDriver(nvidia.text()).orElse(null);
            ProbeSource.Output version = source.run(ProbeCommand.NVIDIA_SMI_VERSION);
            runtime = version.ok() ? ProbeParsers.cudaVersion(version.text()).map(v -> "CUDA " + v).orElse(null) : null;
        }

        List<Gpu> amd = amdGpus(source, notes);
        if (!amd.isEmpty()) {
            gpus.addAll(amd);
            driver = driver == null ? "amdgpu" : driver;
            runtime = runtime == null ? "ROCm" : runtime;
        }

        Properties system = source.system();
        String os = system.getProperty("os.name", "unknown");
        String cpuModel = system.getProperty("cpu.model", "unknown");
        long memoryMb = Long.parseLong(system.getProperty("memory.mb", "0"));
        int cores = Integer.parseInt(system.getProperty("cpu.cores", "1"));
        if (os.toLowerCase().contains("mac")) {
            ProbeSource.Output sysctl = source.run(ProbeCommand.SYSCTL);
            if (sysctl.ok()) {
                Map<String, String> values = ProbeParsers.sysctl(sysctl.text());
                cpuModel = values.getOrDefault("machdep.cpu.brand_string", cpuModel);
                memoryMb = Optional.ofNullable(values.get("hw.memsize")).map(b -> Long.parseLong(b) / (1024 * 1024)).orElse(memoryMb);
                cores = Optional.ofNullable(values.get("hw.ncpu")).map(Integer::parseInt).orElse(cores);
            } else {
                notes.add("macOS: " + sysctl.failure());
            }
        }
        HardwareProfile profile = new HardwareProfile(gpus, driver, runtime, os, system.getProperty("os.arch", "unknown"),
                cpuModel, cores, memoryMb, source.name(), notes);
        notes.forEach(note -> LOG.debugf("probe %s: %s", source.name(), note));
        return profile;
    }

    /**
     * The vendor's largest GPU as its tool reports it now, running only that vendor's tool: what a
     * GPU worker asks at every heartbeat for the memory in use.
     */
    public Optional<Gpu> largestGpu(ProbeSource source, GpuVendor vendor) {
        List<String> ignored = new ArrayList<>();
        List<Gpu> gpus = vendor == GpuVendor.NVIDIA
                ? nvidiaGpus(source.run(ProbeCommand.NVIDIA_SMI_QUERY), ignored)
                : amdGpus(source, ignored);
        return gpus.stream().max(java.util.Comparator.comparingLong(Gpu::vramTotalMb));
    }

    private static List<Gpu> nvidiaGpus(ProbeSource.Output nvidia, List<String> notes) {
        if (!nvidia.ok()) {
            notes.add("NVIDIA: " + nvidia.failure());
            return List.of();
        }
        try {
            return ProbeParsers.nvidiaGpus(nvidia.text());
        } catch (IllegalArgumentException e) {
            notes.add("NVIDIA: " + e.getMessage());
            return List.of();
        }
    }

    /** rocm-smi names the cards; the KFD topology fills in gfx targets it does not print. */
    private static List<Gpu> amdGpus(ProbeSource source, List<String> notes) {
        List<String> kfdTargets = ProbeParsers.kfdGfxTargets(source.kfdNodes());
        ProbeSource.Output rocm = source.run(ProbeCommand.ROCM_SMI);
        List<Gpu> gpus = new ArrayList<>();
        if (rocm.ok()) {
            try {
                gpus.addAll(ProbeParsers.amdGpus(rocm.text()));
            } catch (IllegalArgumentException e) {
                notes.add("AMD: " + e.getMessage());
            }
        } else {
            notes.add("AMD: " + rocm.failure());
        }
        for (int i = 0; i < gpus.size(); i++) {
            Gpu gpu = gpus.get(i);
            if (gpu.gfxTarget() == null && i < kfdTargets.size()) {
                gpus.set(i, new Gpu(gpu.vendor(), gpu.model(), gpu.vramTotalMb(), gpu.vramFreeMb(), null, kfdTargets.get(i)));
            }
        }
        if (gpus.isEmpty() && !kfdTargets.isEmpty()) {
            notes.add("AMD: KFD lists " + kfdTargets + " but rocm-smi gave no card details");
            kfdTargets.forEach(t -> gpus.add(new Gpu(GpuVendor.AMD, "AMD " + t, 0, -1, null, t)));
        }
        return gpus;
    }
}
