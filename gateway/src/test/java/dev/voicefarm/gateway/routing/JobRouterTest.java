package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.voices.VoiceFamily;
import static dev.voicefarm.common.fleet.HardwareClass.AMD;
import static dev.voicefarm.common.fleet.HardwareClass.APPLE_CPU;
import static dev.voicefarm.common.fleet.HardwareClass.CPU;
import static dev.voicefarm.common.fleet.HardwareClass.NVIDIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.jobs.JobKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobRouterTest {

    private final JobRouter router = new JobRouter(30, Set.of());

    private static ClassRoute live(HardwareClass hardwareClass, double waitSeconds, double vramGb) {
        return new ClassRoute(hardwareClass, 1, 2, 1, vramGb, 1, 0, waitSeconds, null, 0, null);
    }

    private static RoutingTable table(ClassRoute... routes) {
        return new RoutingTable(Instant.EPOCH, Arrays.asList(routes));
    }

    private static Requirements classes(HardwareClass... classes) {
        return new Requirements(List.of(classes), Optional.empty(), Optional.empty());
    }

    private Route synthesis(Requirements requirements, RoutingTable table) {
        return router.route(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, requirements, table);
    }

    @Test
    void synthesisPrefersALiveGpuClass() {
        Route route = synthesis(Requirements.NONE, table(live(CPU, 0, 0), live(NVIDIA, 5, 12)));
        assertEquals(NVIDIA, route.hardwareClass());
        assertTrue(route.reason().startsWith("nvidia: shortest wait among live GPU classes"), route.reason());
    }

    @Test
    void theGpuClassWithTheShorterWaitWins() {
        assertEquals(AMD, synthesis(Requirements.NONE, table(live(NVIDIA, 20, 12), live(AMD, 3, 24))).hardwareClass());
    }

    @Test
    void synthesisFallsBackToCpuWithoutAGpuClass() {
        Route route = synthesis(Requirements.NONE, table(live(CPU, 0, 0)));
        assertEquals(CPU, route.hardwareClass());
        assertTrue(route.reason().contains("no live GPU class"), route.reason());
    }

    @Test
    void synthesisFallsBackToCpuWhenTheGpuWaitIsTooLong() {
        Route route = synthesis(Requirements.NONE, table(live(NVIDIA, 120, 12), live(APPLE_CPU, 2, 0)));
        assertEquals(APPLE_CPU, route.hardwareClass());
        assertTrue(route.reason().contains("would wait 120 s"), route.reason());
    }

    @Test
    void aLongGpuWaitStillBeatsNoFallback() {
        Requirements noFallback = new Requirements(List.of(), Optional.empty(), Optional.of(false));
        assertEquals(NVIDIA, synthesis(noFallback, table(live(NVIDIA, 120, 12), live(CPU, 0, 0))).hardwareClass());
    }

    @Test
    void trainingRunsOnGpuOnlyUnlessCpuFallbackIsAllowed() {
        RoutingTable cpuOnly = table(live(CPU, 0, 0));
        assertThrows(JobRouter.NoRouteException.class, () -> router.route(JobKind.TRAINING, VoiceFamily.VOICEFARM, Requirements.NONE, cpuOnly));
        Requirements fallback = new Requirements(List.of(), Optional.empty(), Optional.of(true));
        assertEquals(CPU, router.route(JobKind.TRAINING, VoiceFamily.VOICEFARM, fallback, cpuOnly).hardwareClass());
    }

    @Test
    void minVramSkipsClassesWithoutEnoughMemory() {
        Requirements needs16 = new Requirements(List.of(), Optional.of(16.0), Optional.empty());
        assertEquals(AMD, synthesis(needs16, table(live(NVIDIA, 0, 12), live(AMD, 10, 24), live(CPU, 0, 0))).hardwareClass());
        JobRouter.NoRouteException e = assertThrows(JobRouter.NoRouteException.class,
                () -> synthesis(needs16, table(live(NVIDIA, 0, 12), live(CPU, 0, 0))));
        assertTrue(e.getMessage().contains("16.0 GB"), e.getMessage());
    }

    @Test
    void minVramPutsTheJobOnTheTierThatCoversIt() {
        Requirements needs10 = new Requirements(List.of(), Optional.of(10.0), Optional.empty());
        Route route = synthesis(needs10, table(live(NVIDIA, 0, 12), live(CPU, 0, 0)));
        assertEquals(NVIDIA, route.hardwareClass());
        assertEquals(12, route.vramTier());
        assertTrue(route.reason().startsWith("nvidia (12 GB tier)"), route.reason());
        // A 23.99 GB card (how a 24 GB one reports) serves the 24 GB tier; without a request, tier 0.
        assertEquals(24, synthesis(new Requirements(List.of(), Optional.of(20.0), Optional.empty()),
                table(live(AMD, 0, 23.99))).vramTier());
        assertEquals(0, synthesis(Requirements.NONE, table(live(NVIDIA, 0, 12))).vramTier());
    }

    @Test
    void namedClassesWithMinVramAndNoWorkerWithTheMemoryQueueOnTheFirstGpuClass() {
        Requirements cpuOrAmd16 = new Requirements(List.of(CPU, AMD), Optional.of(16.0), Optional.empty());
        Route route = synthesis(cpuOrAmd16, table(live(AMD, 0, 12), live(CPU, 0, 0)));
        assertEquals(AMD, route.hardwareClass());
        assertEquals(16, route.vramTier());
        assertTrue(route.reason().startsWith("queued for amd"), route.reason());
    }

    @Test
    void namedClassesRestrictTheChoice() {
        assertEquals(CPU, synthesis(classes(CPU), table(live(NVIDIA, 0, 12), live(CPU, 5, 0))).hardwareClass());
    }

    @Test
    void namedClassWithoutLiveWorkerIsQueuedAndSaysWhy() {
        Route route = synthesis(classes(AMD), table(live(NVIDIA, 0, 12)));
        assertEquals(AMD, route.hardwareClass());
        assertTrue(route.reason().startsWith("queued for amd: no live worker"), route.reason());
    }

    @Test
    void nothingLiveAndNothingNamedIs503() {
        JobRouter.NoRouteException e = assertThrows(JobRouter.NoRouteException.class,
                () -> synthesis(Requirements.NONE, table()));
        assertTrue(e.getMessage().contains("nvidia, amd, apple-cpu, cpu"), e.getMessage());
    }

    @Test
    void deadClassesInTheTableDoNotCount() {
        ClassRoute deadNvidia = new ClassRoute(NVIDIA, 0, 0, 0, 0, 0, 4, null, null, 0, null);
        assertEquals(CPU, synthesis(Requirements.NONE, table(deadNvidia, live(CPU, 1, 0))).hardwareClass());
    }

    private static WorkerCapacity worker(String id, HardwareClass hardwareClass, int freeSlots, double vramGb,
                                         Set<VoiceFamily> families, String... voices) {
        return new WorkerCapacity(id, hardwareClass, 2, freeSlots, vramGb, true, families, List.of(voices));
    }

    private static ClassRoute withWorkers(HardwareClass hardwareClass, double waitSeconds, WorkerCapacity... workers) {
        double maxVram = Arrays.stream(workers).mapToDouble(WorkerCapacity::vramGb).max().orElse(0);
        return new ClassRoute(hardwareClass, workers.length, 2 * workers.length, 1, maxVram, workers.length, 0,
                waitSeconds, List.of(workers), 0, null);
    }

    @Test
    void aGptSovitsJobGoesOnlyToAClassWhereAWorkerRunsTheFamily() {
        Set<VoiceFamily> own = Set.of(VoiceFamily.VOICEFARM);
        Set<VoiceFamily> both = Set.of(VoiceFamily.values());
        RoutingTable table = table(withWorkers(NVIDIA, 0, worker("n-1", NVIDIA, 1, 24, own)),
                withWorkers(CPU, 50, worker("c-1", CPU, 1, 0, both)));
        // The farm's own family takes the faster GPU class; GPT-SoVITS only the CPU class that runs it.
        assertEquals(NVIDIA, synthesis(Requirements.NONE, table).hardwareClass());
        assertEquals(CPU, router.route(JobKind.SYNTHESIS, VoiceFamily.GPT_SOVITS, Requirements.NONE, table).hardwareClass());
        RoutingTable none = table(withWorkers(NVIDIA, 0, worker("n-1", NVIDIA, 1, 24, own)));
        JobRouter.NoRouteException e = assertThrows(JobRouter.NoRouteException.class,
                () -> router.route(JobKind.SYNTHESIS, VoiceFamily.GPT_SOVITS, Requirements.NONE, none));
        assertTrue(e.getMessage().contains("gpt-sovits"), e.getMessage());
    }

    /** A GPU class scaled to zero (FARM_GATEWAY_WAKE_CLASSES) is where a job waits when nothing live can take it. */
    @Test
    void aTrainingWithNoLiveGpuWaitsForAClassThatScalesUpFromZero() {
        JobRouter waking = new JobRouter(30, Set.of(NVIDIA, AMD));
        RoutingTable cpuOnly = table(live(CPU, 0, 0));
        Route route = waking.route(JobKind.TRAINING, VoiceFamily.VOICEFARM, Requirements.NONE, cpuOnly);
        assertEquals(NVIDIA, route.hardwareClass(), "the first GPU candidate that wakes");
        assertTrue(route.reason().contains("scales up from zero"), route.reason());
        assertThrows(JobRouter.NoRouteException.class,
                () -> router.route(JobKind.TRAINING, VoiceFamily.VOICEFARM, Requirements.NONE, cpuOnly), "without wake classes: 503");
    }

    @Test
    void aLiveClassStillBeatsOneThatWouldHaveToWake() {
        JobRouter waking = new JobRouter(30, Set.of(NVIDIA));
        assertEquals(CPU, waking.route(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, Requirements.NONE, table(live(CPU, 0, 0))).hardwareClass(),
                "a synthesis with CPU fallback goes to the live CPU class at once");
        assertEquals(AMD, waking.route(JobKind.TRAINING, VoiceFamily.VOICEFARM, Requirements.NONE, table(live(AMD, 50, 24))).hardwareClass());
    }

    @Test
    void wakeClassesOnlyCountAmongTheCandidates() {
        JobRouter waking = new JobRouter(30, Set.of(AMD));
        Route named = waking.route(JobKind.TRAINING, VoiceFamily.VOICEFARM, classes(NVIDIA), table());
        assertEquals(NVIDIA, named.hardwareClass(), "a request that named its classes waits for the first of them, as before");
        JobRouter cpuWakes = new JobRouter(30, Set.of(CPU));
        assertThrows(JobRouter.NoRouteException.class,
                () -> cpuWakes.route(JobKind.TRAINING, VoiceFamily.VOICEFARM, Requirements.NONE, table()),
                "a training without CPU fallback never waits for a CPU class");
    }

    @Test
    void aWakeClassSettingNamesOnlyHardwareClasses() {
        assertEquals(Set.of(NVIDIA, AMD), HardwareClass.fromSetting("FARM_GATEWAY_WAKE_CLASSES", List.of("nvidia", " amd", "")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HardwareClass.fromSetting("FARM_GATEWAY_WAKE_CLASSES", List.of("tpu")));
        assertTrue(e.getMessage().contains("FARM_GATEWAY_WAKE_CLASSES=tpu is not a hardware class; use one of nvidia"), e.getMessage());
    }
}
