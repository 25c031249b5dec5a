package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks a job's hardware class from the routing table (README, "Routing"):
 * <ol>
 *   <li>Candidates are the request's {@code classes}, or by default the GPU classes, plus the CPU
 *       classes when CPU fallback is allowed (default: yes for synthesis, no for training).</li>
 *   <li>With {@code minVramGb}, the job goes to the lowest GPU-memory tier that covers it
 *       ({@link VramTiers}), and a class qualifies only if one of its live workers serves that tier.
 *       A job for another engine family's voice (GPT-SoVITS) qualifies a class only if such a
 *       worker runs that family.</li>
 *   <li>The live GPU candidate with the shortest estimated wait wins, unless that wait is over
 *       {@code maxGpuWaitSeconds} and a CPU candidate is live: then the CPU candidate with the
 *       shortest wait wins. A GPU class whose wait is long still beats nothing.</li>
 *   <li>No live candidate: a request that named its classes is queued for the first of them and
 *       waits for a worker to join (its status says so; the scheduler fails it after its
 *       no-worker timeout). A request that did not is queued for the first candidate that scales
 *       up from zero ({@code wakeClasses}: its queue is what wakes it), else refused with 503 and
 *       Retry-After.</li>
 *   <li>In the chosen class, a job for a voice may then go to one worker's own topic: {@link VoiceAffinity}.</li>
 * </ol>
 */
public final class JobRouter {

    private static final List<HardwareClass> GPU_CLASSES = Arrays.stream(HardwareClass.values()).filter(HardwareClass::gpu).toList();
    private static final List<HardwareClass> CPU_CLASSES = Arrays.stream(HardwareClass.values()).filter(c -> !c.gpu()).toList();

    private final double maxGpuWaitSeconds;
    private final Set<HardwareClass> wakeClasses;

    /**
     * @param wakeClasses classes whose workers an autoscaler starts when jobs wait for them (KEDA on
     *                    the class's backlog, scaled to zero when idle): with no live worker they are
     *                    still where a job may wait, since its waiting is what brings one
     */
    public JobRouter(double maxGpuWaitSeconds, Set<HardwareClass> wakeClasses) {
        this.maxGpuWaitSeconds = maxGpuWaitSeconds;
        this.wakeClasses = Set.copyOf(wakeClasses);
    }

    /**
     * The class (and tier) for a job of this engine family: a class qualifies only if one of its
     * live workers runs the family.
     *
     * @throws NoRouteException when no class can take the job and the request did not name one
     */
    public Route route(JobKind kind, VoiceFamily family, Requirements requirements, RoutingTable table) {
        boolean cpuFallback = requirements.allowCpuFallback().orElse(kind == JobKind.SYNTHESIS);
        int tier = VramTiers.forJob(requirements.minVramGb());
        List<HardwareClass> candidates = requirements.classes().isEmpty()
                ? cpuFallback ? concat(GPU_CLASSES, CPU_CLASSES) : GPU_CLASSES
                : requirements.classes();
        List<ClassRoute> live = candidates.stream()
                .map(c -> table.route(c).orElse(null))
                .filter(r -> r != null && r.serves(family, tier))
                .filter(r -> kind != JobKind.TRAINING || r.trainingWorkers() > 0)
                .toList();

        Optional<ClassRoute> gpu = fastest(live, GPU_CLASSES);
        Optional<ClassRoute> cpu = fastest(live, CPU_CLASSES);
        if (gpu.isPresent() && (gpu.get().estimatedWaitSeconds() <= maxGpuWaitSeconds || cpu.isEmpty())) {
            return new Route(gpu.get().hardwareClass(), tier, describe(gpu.get(), "shortest wait among live GPU classes", tier));
        }
        if (cpu.isPresent()) {
            String why = gpu.isPresent()
                    ? "GPU class " + gpu.get().hardwareClass() + " would wait " + seconds(gpu.get()) + ", CPU fallback allowed"
                    : requirements.classes().isEmpty() ? "no live GPU class, CPU fallback" : "shortest wait among the requested classes";
            return new Route(cpu.get().hardwareClass(), tier, describe(cpu.get(), why, tier));
        }
        String wanted = candidates.stream().map(HardwareClass::id).collect(Collectors.joining(", "));
        String vram = requirements.minVramGb().map(gb -> " with " + gb + " GB of GPU memory").orElse("");
        Optional<HardwareClass> waking = candidates.stream().filter(wakeClasses::contains)
                .filter(c -> tier == VramTiers.ANY || c.gpu()).findFirst();
        if (requirements.classes().isEmpty() && waking.isPresent()) {
            return new Route(waking.get(), tier, "queued for " + waking.get() + ": no live worker in " + wanted + vram
                    + " now; " + waking.get() + " scales up from zero when jobs wait for it, so the job waits for its first worker");
        }
        if (!requirements.classes().isEmpty()) {
            // Validation keeps a GPU class in the list whenever the job asks for GPU memory.
            HardwareClass first = requirements.classes().stream()
                    .filter(c -> tier == VramTiers.ANY || c.gpu()).findFirst().orElseThrow();
            return new Route(first, tier, "queued for " + first + ": no live worker in " + wanted + vram
                    + " now; the job waits for one to join and fails if none does in time");
        }
        String runs = family == VoiceFamily.VOICEFARM ? "" : " for a " + family + " voice";
        throw new NoRouteException("no live worker can run a " + kind.id() + " job" + runs + " now (classes " + wanted
                + vram + (cpuFallback ? "" : "; CPU fallback is off") + ")");
    }

    private static Optional<ClassRoute> fastest(List<ClassRoute> live, List<HardwareClass> kind) {
        return live.stream()
                .filter(r -> kind.contains(r.hardwareClass()))
                .min(Comparator.comparingDouble(ClassRoute::estimatedWaitSeconds));
    }

    private static String describe(ClassRoute route, String why, int tier) {
        return route.hardwareClass() + (tier == VramTiers.ANY ? "" : " (" + tier + " GB tier)") + ": " + why
                + " (" + route.liveWorkers() + " live worker(s), " + route.backlog() + " queued, wait ~" + seconds(route) + ")";
    }

    private static String seconds(ClassRoute route) {
        return Math.round(route.estimatedWaitSeconds()) + " s";
    }

    private static List<HardwareClass> concat(List<HardwareClass> a, List<HardwareClass> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** No class can take the job now; the client should try again later. */
    public static final class NoRouteException extends RuntimeException {
        public NoRouteException(String message) {
            super(message);
        }
    }
}
