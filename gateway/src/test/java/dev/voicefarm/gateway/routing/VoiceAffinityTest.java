package dev.voicefarm.gateway.routing;

import static dev.voicefarm.common.fleet.HardwareClass.CPU;
import static dev.voicefarm.common.fleet.HardwareClass.NVIDIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VoiceAffinityTest {

    private static final Set<VoiceFamily> OWN = Set.of(VoiceFamily.VOICEFARM);

    private static WorkerCapacity worker(String id, HardwareClass hardwareClass, int freeSlots, double vramGb,
                                         Set<VoiceFamily> families, String... voices) {
        return new WorkerCapacity(id, hardwareClass, 2, freeSlots, vramGb, true, families, List.of(voices));
    }

    private static ClassRoute route(HardwareClass hardwareClass, WorkerCapacity... workers) {
        double maxVram = Arrays.stream(workers).mapToDouble(WorkerCapacity::vramGb).max().orElse(0);
        return new ClassRoute(hardwareClass, workers.length, 2 * workers.length, 1, maxVram, workers.length, 0, 0.0,
                List.of(workers), 0.5, null);
    }

    private static Optional<String> chosen(ClassRoute route, VoiceFamily family, int tier, String voice,
                                           Map<String, Integer> sent) {
        return VoiceAffinity.choose(route, family, tier, voice, w -> sent.getOrDefault(w, 0), 0).map(c -> c.worker().workerId());
    }

    @Test
    void aHolderWinsOverTheHomeAndOfTwoHoldersTheHigherRankedAlways() {
        WorkerCapacity a = worker("a", CPU, 1, 0, OWN, "t/v1");
        WorkerCapacity b = worker("b", CPU, 2, 0, OWN, "t/v1", "t/v2");
        WorkerCapacity c = worker("c", CPU, 2, 0, OWN);
        ClassRoute cpu = route(CPU, a, b, c);
        String first = VoiceAffinity.rendezvous("t/v1", "a") > VoiceAffinity.rendezvous("t/v1", "b") ? "a" : "b";
        String second = first.equals("a") ? "b" : "a";
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(first), chosen(cpu, VoiceFamily.VOICEFARM, 0, "t/v1", Map.of()));
        }
        assertTrue(VoiceAffinity.choose(cpu, VoiceFamily.VOICEFARM, 0, "t/v1", w -> 0, 0).orElseThrow().holds());
        // Room = free slots + one queued per slot (2) - sent: with the first holder full, the second.
        assertEquals(Optional.of(second), chosen(cpu, VoiceFamily.VOICEFARM, 0, "t/v1", Map.of(first, 4)));
        // v2 has one holder: it wins whatever the ranks.
        assertEquals(Optional.of("b"), chosen(cpu, VoiceFamily.VOICEFARM, 0, "t/v2", Map.of()));
    }

    @Test
    void aVoiceNobodyHoldsGoesToItsHomeTheSameWorkerEveryTime() {
        ClassRoute cpu = route(CPU, worker("a", CPU, 2, 0, OWN), worker("b", CPU, 2, 0, OWN), worker("c", CPU, 2, 0, OWN));
        Map<String, Integer> homes = new HashMap<>();
        for (int v = 0; v < 300; v++) {
            String voice = "t/v" + v;
            String home = chosen(cpu, VoiceFamily.VOICEFARM, 0, voice, Map.of()).orElseThrow();
            assertEquals(home, chosen(cpu, VoiceFamily.VOICEFARM, 0, voice, Map.of()).orElseThrow());
            assertTrue(!VoiceAffinity.choose(cpu, VoiceFamily.VOICEFARM, 0, voice, w -> 0, 0).orElseThrow().holds());
            homes.merge(home, 1, Integer::sum);
        }
        // Spread across the workers (100 each on average).
        homes.values().forEach(n -> assertTrue(n > 70 && n < 130, homes.toString()));
    }

    @Test
    void whenAWorkerLeavesOnlyItsVoicesMove() {
        WorkerCapacity a = worker("a", CPU, 2, 0, OWN);
        WorkerCapacity b = worker("b", CPU, 2, 0, OWN);
        WorkerCapacity c = worker("c", CPU, 2, 0, OWN);
        ClassRoute three = route(CPU, a, b, c);
        ClassRoute two = route(CPU, a, b);
        long moved = IntStream.range(0, 300).mapToObj(v -> "t/v" + v)
                .filter(v -> !chosen(three, VoiceFamily.VOICEFARM, 0, v, Map.of()).orElseThrow().equals("c"))
                .filter(v -> !chosen(three, VoiceFamily.VOICEFARM, 0, v, Map.of())
                        .equals(chosen(two, VoiceFamily.VOICEFARM, 0, v, Map.of())))
                .count();
        assertEquals(0, moved, "voices whose home was not the worker that left kept their home");
    }

    @Test
    void aFullHomeGivesWayAndNoRoomAnywhereMeansTheClassQueue() {
        ClassRoute cpu = route(CPU, worker("a", CPU, 1, 0, OWN), worker("b", CPU, 1, 0, OWN));
        String home = chosen(cpu, VoiceFamily.VOICEFARM, 0, "t/x", Map.of()).orElseThrow();
        String other = home.equals("a") ? "b" : "a";
        // One free slot and two slots: room for three jobs per routing table.
        assertEquals(Optional.of(home), chosen(cpu, VoiceFamily.VOICEFARM, 0, "t/x", Map.of(home, 2)));
        assertEquals(Optional.of(other), chosen(cpu, VoiceFamily.VOICEFARM, 0, "t/x", Map.of(home, 3)));
        assertEquals(Optional.empty(), chosen(cpu, VoiceFamily.VOICEFARM, 0, "t/x", Map.of("a", 3, "b", 3)));
    }

    @Test
    void theWorkerMustRunTheFamilyOnACardThatReachesTheTier() {
        ClassRoute nvidia = route(NVIDIA, worker("small", NVIDIA, 2, 8, Set.of(VoiceFamily.values()), "t/v"),
                worker("own-only", NVIDIA, 2, 24, OWN, "t/v"));
        assertEquals(Optional.empty(), chosen(nvidia, VoiceFamily.GPT_SOVITS, 16, "t/v", Map.of()));
        assertEquals(Optional.of("small"), chosen(nvidia, VoiceFamily.GPT_SOVITS, 8, "t/v", Map.of()));
        // Another tenant's voice of the same id is another voice.
        assertTrue(!VoiceAffinity.choose(nvidia, VoiceFamily.GPT_SOVITS, 8, "u/v", w -> 0, 0).orElseThrow().holds());
    }

    @Test
    void aWorkerGainsRoomAsItsSlotsFinishJobsAtTheClassesMeanJobTime() {
        // Mean job 0.5 s, two slots, none free: room 2 (one queued per slot) at once, 4 more after a second.
        ClassRoute cpu = route(CPU, worker("a", CPU, 0, 0, OWN, "t/v"));
        assertEquals(Optional.of("a"), VoiceAffinity.choose(cpu, VoiceFamily.VOICEFARM, 0, "t/v", w -> 1, 0)
                .map(c -> c.worker().workerId()));
        assertEquals(Optional.empty(), VoiceAffinity.choose(cpu, VoiceFamily.VOICEFARM, 0, "t/v", w -> 2, 0));
        assertEquals(Optional.of("a"), VoiceAffinity.choose(cpu, VoiceFamily.VOICEFARM, 0, "t/v", w -> 5, 1.0)
                .map(c -> c.worker().workerId()));
        assertEquals(Optional.empty(), VoiceAffinity.choose(cpu, VoiceFamily.VOICEFARM, 0, "t/v", w -> 6, 1.0));
    }
}
