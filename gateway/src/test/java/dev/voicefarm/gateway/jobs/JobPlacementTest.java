package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.voices.VoiceFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.routing.JobRouter;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.gateway.routing.Route;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which 503 a job gets, for which state of Kafka, the routing table and the fleet. */
class JobPlacementTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final ClassRoute LIVE_CPU = new ClassRoute(HardwareClass.CPU, 1, 2, 1, 0, 1, 0, 0.0, null, 0, null);

    private final QueueHealth queue = new QueueHealth();

    private JobPlacement placement(RoutingTable table) {
        return new JobPlacement(queue, () -> table, new JobRouter(30, Set.of()), MAX_AGE, Clock.fixed(NOW, ZoneOffset.UTC), true);
    }

    private static RoutingTable computedSecondsAgo(long seconds, ClassRoute... classes) {
        return new RoutingTable(NOW.minusSeconds(seconds), List.of(classes));
    }

    private static ApiException unavailable(JobPlacement placement, Requirements requirements, String code) {
        ApiException e = assertThrows(ApiException.class, () -> placement.place(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, null, requirements));
        assertEquals(Status.SERVICE_UNAVAILABLE, e.status());
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.retryAfter() != null && !e.retryAfter().isZero());
        return e;
    }

    @Test
    void aLiveClassInAFreshTableTakesTheJob() {
        queue.markUp();
        assertEquals(HardwareClass.CPU,
                placement(computedSecondsAgo(10, LIVE_CPU)).place(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, null, Requirements.NONE).hardwareClass());
    }

    @Test
    void kafkaDownIsCheckedFirst() {
        queue.markDown("a publish failed");
        unavailable(placement(RoutingTableSource.NONE), Requirements.NONE, "queue_unavailable");
    }

    @Test
    void aTableTheSchedulerStoppedUpdatingIsStale() {
        queue.markUp();
        ApiException e = unavailable(placement(computedSecondsAgo(11, LIVE_CPU)), Requirements.NONE, "routing_stale");
        assertTrue(e.getMessage().contains("11 s old") && e.getMessage().contains("scheduler"), e.getMessage());
    }

    @Test
    void noTableAtAllIsStale() {
        queue.markUp();
        ApiException e = unavailable(placement(RoutingTableSource.NONE), Requirements.NONE, "routing_stale");
        assertTrue(e.getMessage().contains("has not published one"), e.getMessage());
    }

    @Test
    void staleTableIsCheckedBeforeRouting() {
        queue.markUp();
        unavailable(placement(computedSecondsAgo(60)), Requirements.NONE, "routing_stale");
    }

    @Test
    void noLiveClassIsNoWorkerWithTheRoutersReason() {
        queue.markUp();
        Requirements needs80 = new Requirements(List.of(), Optional.of(80.0), Optional.empty());
        ApiException e = unavailable(placement(computedSecondsAgo(1, LIVE_CPU)), needs80, "no_worker");
        assertTrue(e.getMessage().startsWith("no live worker can run a synthesis job now")
                && e.getMessage().contains("80.0 GB"), e.getMessage());
    }

    @Test
    void aBurstForOneVoiceFillsItsHoldersRoomThenTheOthersThenGoesToTheClassQueue() {
        queue.markUp();
        WorkerCapacity holder = new WorkerCapacity("w-1", HardwareClass.CPU, 2, 2, 0, true, Set.of(VoiceFamily.VOICEFARM),
                List.of("t/alice"));
        WorkerCapacity other = new WorkerCapacity("w-2", HardwareClass.CPU, 2, 2, 0, true, Set.of(VoiceFamily.VOICEFARM),
                List.of());
        ClassRoute cpu = new ClassRoute(HardwareClass.CPU, 2, 4, 4, 0, 2, 0, 0.0, List.of(holder, other), 0, null);
        JobPlacement placement = placement(computedSecondsAgo(1, cpu));
        List<String> workers = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> placement.place(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, "t/alice", Requirements.NONE).worker())
                .toList();
        // The holder's room (two free slots, one queued behind each of its two slots), then the
        // other worker's, then the class's queue.
        assertEquals(java.util.Arrays.asList("w-1", "w-1", "w-1", "w-1", "w-2", "w-2", "w-2", "w-2", null, null), workers);
        Route base = placement.place(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, null, Requirements.NONE);
        assertEquals(null, base.worker(), "the base voice is held by every worker");
        assertTrue(placement(computedSecondsAgo(1, cpu)).place(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, "t/alice",
                Requirements.NONE).reason().contains("worker w-1 holds voice t/alice"));
    }

    @Test
    void withAffinityOffEveryJobGoesToTheClassQueue() {
        queue.markUp();
        WorkerCapacity holder = new WorkerCapacity("w-1", HardwareClass.CPU, 2, 2, 0, true, Set.of(VoiceFamily.VOICEFARM),
                List.of("t/alice"));
        ClassRoute cpu = new ClassRoute(HardwareClass.CPU, 1, 2, 2, 0, 1, 0, 0.0, List.of(holder), 0, null);
        JobPlacement off = new JobPlacement(queue, () -> computedSecondsAgo(1, cpu), new JobRouter(30, Set.of()), MAX_AGE,
                Clock.fixed(NOW, ZoneOffset.UTC), false);
        assertEquals(null, off.place(JobKind.SYNTHESIS, VoiceFamily.VOICEFARM, "t/alice", Requirements.NONE).worker());
    }
}
