package dev.voicefarm.worker.hardware;

import dev.voicefarm.common.fleet.ClassDecision;
import dev.voicefarm.common.fleet.Gpu;
import dev.voicefarm.common.fleet.GpuVendor;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.HardwareProfile;
import dev.voicefarm.common.fleet.WorkerLimits;
import java.util.Optional;

/**
 * Decides a worker's hardware class and limits from its profile, in this order (README, "Hardware
 * classes"):
 * <ol>
 *   <li>An operator's pin wins, if the machine has the hardware the class needs.</li>
 *   <li>An NVIDIA GPU with compute capability 5.0 or more (what current PyTorch CUDA builds run
 *       on) makes the worker {@code nvidia}; an older one falls to {@code cpu}.</li>
 *   <li>An AMD GPU of the RX 7000 series or newer (gfx11 and up) makes it {@code amd}; older
 *       AMD cards fall to {@code cpu}: ROCm support for them is partial and GPT-SoVITS users
 *       report failures.</li>
 *   <li>macOS on Apple Silicon makes it {@code apple-cpu}, computing on the CPU: MPS leaks memory on
 *       long runs and trains worse, so it is used only when the operator opts in.</li>
 *   <li>Anything else is {@code cpu}.</li>
 * </ol>
 * Limits come from the memory of the device the class computes on: training needs
 * {@code minTrainingVramGb} (6 GB by default; 5 GB is often not enough), batch sizes and the number
 * of jobs run at once grow with VRAM on GPUs and with cores on CPUs.
 */
public final class ClassRules {

    private static final double MIN_CUDA_CAPABILITY = 5.0;
    private static final int MIN_AMD_GFX_MAJOR = 11;
    private static final int MAX_SLOTS = 4;
    /** Fine-tuning on a CPU holds the dataset, the model and its optimiser state in RAM. */
    private static final long MIN_TRAINING_RAM_MB = 4096;

    private final Optional<HardwareClass> pinned;
    private final boolean appleMps;
    private final double minTrainingVramGb;

    public ClassRules(Optional<HardwareClass> pinned, boolean appleMps, double minTrainingVramGb) {
        this.pinned = pinned;
        this.appleMps = appleMps;
        this.minTrainingVramGb = minTrainingVramGb;
    }

    /** @throws IllegalArgumentException when the pinned class needs a GPU this machine lacks */
    public ClassDecision decide(HardwareProfile profile) {
        if (pinned.isPresent()) {
            return pinnedDecision(pinned.get(), profile);
        }
        Optional<Gpu> nvidia = profile.largestGpu(GpuVendor.NVIDIA);
        if (nvidia.isPresent()) {
            Gpu gpu = nvidia.get();
            if (cudaCapability(gpu) >= MIN_CUDA_CAPABILITY) {
                return gpuDecision(HardwareClass.NVIDIA, gpu, profile,
                        named("NVIDIA", gpu) + " (compute capability " + gpu.computeCapability() + ")");
            }
            return cpuDecision(profile, named("NVIDIA", gpu) + " has compute capability " + gpu.computeCapability()
                    + ", below the " + MIN_CUDA_CAPABILITY + " current PyTorch CUDA builds need: computing on the CPU");
        }
        Optional<Gpu> amd = profile.largestGpu(GpuVendor.AMD);
        if (amd.isPresent()) {
            Gpu gpu = amd.get();
            if (gfxMajor(gpu) >= MIN_AMD_GFX_MAJOR) {
                return gpuDecision(HardwareClass.AMD, gpu, profile, named("AMD", gpu) + " (" + gpu.gfxTarget() + ")");
            }
            return cpuDecision(profile, named("AMD", gpu) + " (" + gpu.gfxTarget() + ") is older than the RX 7000 "
                    + "series (gfx11) that the ROCm path supports: computing on the CPU");
        }
        if (isAppleSilicon(profile)) {
            return appleDecision(profile, "Apple Silicon");
        }
        return cpuDecision(profile, "no usable GPU: " + profile.arch() + " CPU");
    }

    private ClassDecision pinnedDecision(HardwareClass hardwareClass, HardwareProfile profile) {
        String why = "pinned by the operator to " + hardwareClass;
        return switch (hardwareClass) {
            case NVIDIA -> gpuDecision(hardwareClass, required(profile, GpuVendor.NVIDIA, hardwareClass), profile, why);
            case AMD -> gpuDecision(hardwareClass, required(profile, GpuVendor.AMD, hardwareClass), profile, why);
            case APPLE_CPU -> appleDecision(profile, why);
            case CPU -> cpuDecision(profile, why);
        };
    }

    private static Gpu required(HardwareProfile profile, GpuVendor vendor, HardwareClass hardwareClass) {
        return profile.largestGpu(vendor).orElseThrow(() -> new IllegalArgumentException(
                "the worker is pinned to class " + hardwareClass + " but no " + vendor + " GPU was found"
                        + (profile.notes().isEmpty() ? "" : " (" + String.join("; ", profile.notes()) + ")")));
    }

    private ClassDecision gpuDecision(HardwareClass hardwareClass, Gpu gpu, HardwareProfile profile, String why) {
        double vramGb = gpu.vramTotalGb();
        boolean training = vramGb >= minTrainingVramGb;
        int slots = clamp((int) (vramGb / 4), 1, MAX_SLOTS);
        WorkerLimits limits = new WorkerLimits(training, slots, clamp((int) (vramGb / 2), 1, 16),
                training ? clamp((int) (vramGb / 3), 1, 16) : 0, vramGb);
        String reason = why + ", " + Math.round(vramGb) + " GB"
                + (training ? "" : ": below " + minTrainingVramGb + " GB, synthesis only, no training");
        return new ClassDecision(hardwareClass, "gpu:0", limits, reason);
    }

    private ClassDecision appleDecision(HardwareProfile profile, String why) {
        String device = appleMps ? "mps" : "cpu";
        String reason = why + (appleMps ? ", MPS enabled by the operator" : ", computing on the CPU (MPS is off)");
        return new ClassDecision(HardwareClass.APPLE_CPU, device, cpuLimits(profile), reason);
    }

    private static ClassDecision cpuDecision(HardwareProfile profile, String why) {
        return new ClassDecision(HardwareClass.CPU, "cpu", cpuLimits(profile), why);
    }

    /** On CPUs a job uses about four cores well; training needs the RAM to hold model and data. */
    private static WorkerLimits cpuLimits(HardwareProfile profile) {
        boolean training = profile.memoryMb() >= MIN_TRAINING_RAM_MB;
        return new WorkerLimits(training, clamp(profile.cpuCores() / 4, 1, MAX_SLOTS), 1, training ? 1 : 0, 0);
    }

    /** "NVIDIA GeForce RTX 3060" stays as it is; "Radeon RX 7900 XTX" becomes "AMD Radeon RX 7900 XTX". */
    private static String named(String vendor, Gpu gpu) {
        return gpu.model().startsWith(vendor) ? gpu.model() : vendor + " " + gpu.model();
    }

    static boolean isAppleSilicon(HardwareProfile profile) {
        return profile.os().toLowerCase().contains("mac") && profile.arch().equals("aarch64");
    }

    static double cudaCapability(Gpu gpu) {
        try {
            return gpu.computeCapability() == null ? 0 : Double.parseDouble(gpu.computeCapability());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** gfx1100 → 11, gfx1030 → 10, gfx90a → 9, gfx942 → 9. */
    static int gfxMajor(Gpu gpu) {
        String target = gpu.gfxTarget();
        if (target == null || !target.startsWith("gfx") || target.length() < 6) {
            return 0;
        }
        // The last two characters are the minor version and stepping; the rest is the major.
        try {
            return Integer.parseInt(target.substring(3, target.length() - 2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
