package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.EngineProcess;
import dev.voicefarm.worker.engine.EngineException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's rules with fake processes: no Python, no waiting for real start-ups. */
class ApiV2PoolTest {

    /** A process that starts at once and answers as told. */
    private static final class FakeProcess implements ServerProcess {
        final int slot;
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        final AtomicBoolean alive = new AtomicBoolean();
        final AtomicBoolean answering = new AtomicBoolean(true);
        volatile long rssMb = 100;
        volatile long gpuMb = -1;

        FakeProcess(int slot) {
            this.slot = slot;
        }

        @Override
        public int slot() {
            return slot;
        }

        @Override
        public void start() {
            starts.incrementAndGet();
            alive.set(true);
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
            alive.set(false);
        }

        @Override
        public boolean isAlive() {
            return alive.get();
        }

        @Override
        public boolean answers() {
            return alive.get() && answering.get();
        }

        @Override
        public long rssMb() {
            return rssMb;
        }

        @Override
        public long gpuMb() {
            return gpuMb;
        }

        @Override
        public long pid() {
            return starts.get();
        }

        @Override
        public ApiV2Client client() {
            return null;
        }
    }

    private final List<FakeProcess> processes = List.of(new FakeProcess(0), new FakeProcess(1));
    private ApiV2Pool pool;

    private ApiV2Pool pool(int processCount, RecyclePolicy policy, Duration health, Duration acquire) throws Exception {
        pool = new ApiV2Pool(processes.subList(0, processCount), policy, health, acquire);
        pool.start();
        return pool;
    }

    private ApiV2Pool pool(int processCount) throws Exception {
        return pool(processCount, new RecyclePolicy(1000, 10_000, 0), Duration.ofHours(1), Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aProcessServesOneRequestAtATimeAndTheNextWaitsForIt() throws Exception {
        ApiV2Pool pool = pool(1);
        ApiV2Pool.Lease first = pool.acquire("t/a");
        CompletableFuture<ApiV2Pool.Lease> second = CompletableFuture.supplyAsync(() -> acquire(pool, "t/b"));
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS));
        first.close();
        try (ApiV2Pool.Lease lease = second.get(5, TimeUnit.SECONDS)) {
            assertSame(processes.get(0), lease.process());
        }
    }

    @Test
    void aVoiceGoesBackToTheProcessThatHoldsIt() throws Exception {
        ApiV2Pool pool = pool(2);
        ServerProcess holder;
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            lease.hold("t/a", () -> { });
            holder = lease.process();
        }
        try (ApiV2Pool.Lease lease = pool.acquire("t/b")) {
            assertFalse(holder == lease.process(), "b goes to the empty process, not a's");
            lease.hold("t/b", () -> { });
        }
        for (int i = 0; i < 5; i++) {
            try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
                assertSame(holder, lease.process());
                assertEquals("t/a", lease.voice());
            }
        }
        assertEquals(List.of("t/b", "t/a"), pool.heldVoices());
    }

    @Test
    void waitingIsBoundedAndTransient() throws Exception {
        ApiV2Pool pool = pool(1, new RecyclePolicy(1000, 10_000, 0), Duration.ofHours(1), Duration.ofMillis(200));
        try (ApiV2Pool.Lease ignored = pool.acquire("t/a")) {
            EngineException e = assertThrows(EngineException.class, () -> pool.acquire("t/b"));
            assertFalse(e.permanent());
            assertTrue(e.getMessage().contains("no GPT-SoVITS process became free"), e.getMessage());
        }
    }

    @Test
    void recyclesAfterItsNumberOfRequestsAndHoldsNoVoiceAfterwards() throws Exception {
        ApiV2Pool pool = pool(1, new RecyclePolicy(2, 10_000, 0), Duration.ofHours(1), Duration.ofSeconds(5));
        AtomicInteger released = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
                if (lease.voice() == null) {
                    lease.hold("t/a", released::incrementAndGet);
                }
                lease.served();
            }
        }
        awaitTrue(() -> processes.get(0).starts.get() == 2);
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            assertNull(lease.voice(), "a restarted process holds nothing");
        }
        assertEquals(1, released.get(), "the voice's files were released");
        EngineProcess reported = pool.processes().get(0);
        assertEquals(1, reported.restarts());
        assertEquals(0, reported.jobs());
    }

    @Test
    void recyclesAboveItsMemoryCeiling() throws Exception {
        ApiV2Pool pool = pool(1, new RecyclePolicy(1000, 500, 0), Duration.ofHours(1), Duration.ofSeconds(5));
        processes.get(0).rssMb = 501;
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            lease.served();
        }
        awaitTrue(() -> processes.get(0).starts.get() == 2);
        assertEquals(1, processes.get(0).stops.get());
    }

    @Test
    void aHealthCheckRecyclesAProcessAboveItsGpuMemoryCeilingAndReportsWhatItHolds() throws Exception {
        ApiV2Pool pool = pool(1, new RecyclePolicy(1000, 10_000, 4000), Duration.ofMillis(50), Duration.ofSeconds(5));
        processes.get(0).gpuMb = 3500;
        awaitTrue(() -> pool.processes().get(0).gpuMb() == 3500);
        assertEquals(1, processes.get(0).starts.get(), "below its ceiling it goes on");
        processes.get(0).gpuMb = 4100;
        awaitTrue(() -> processes.get(0).starts.get() >= 2);
        processes.get(0).gpuMb = 100;
    }

    @Test
    void aBrokenProcessIsRestartedWhenHandedBack() throws Exception {
        ApiV2Pool pool = pool(1);
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            lease.hold("t/a", () -> { });
            lease.broken("crashed");
        }
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            assertEquals(2, processes.get(0).starts.get(), "the request waited for the restart");
            assertNull(lease.voice());
        }
    }

    @Test
    void aProcessThatDiedWhileIdleIsRestartedAndAnotherServes() throws Exception {
        ApiV2Pool pool = pool(2);
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            lease.hold("t/a", () -> { });
            assertSame(processes.get(0), lease.process());
        }
        processes.get(0).alive.set(false);
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            assertSame(processes.get(1), lease.process());
        }
        awaitTrue(() -> processes.get(0).starts.get() == 2);
    }

    @Test
    void aLoneProcessThatDiedWhileIdleIsRestartedForTheWaitingRequest() throws Exception {
        ApiV2Pool pool = pool(1);
        processes.get(0).alive.set(false);
        try (ApiV2Pool.Lease lease = pool.acquire("t/a")) {
            assertSame(processes.get(0), lease.process());
            assertEquals(2, processes.get(0).starts.get());
        }
    }

    @Test
    void aHealthCheckRestartsAProcessThatStoppedAnswering() throws Exception {
        pool(1, new RecyclePolicy(1000, 10_000, 0), Duration.ofMillis(50), Duration.ofSeconds(5));
        processes.get(0).answering.set(false);
        awaitTrue(() -> processes.get(0).starts.get() >= 2);
        processes.get(0).answering.set(true);
        assertTrue(pool.processes().get(0).restarts() >= 1);
    }

    @Test
    void closingStopsEveryProcessAndFailsWaiters() throws Exception {
        ApiV2Pool pool = pool(1);
        ApiV2Pool.Lease taken = pool.acquire("t/a");
        CompletableFuture<ApiV2Pool.Lease> waiting = CompletableFuture.supplyAsync(() -> acquire(pool, "t/b"));
        Thread.sleep(100);
        pool.close();
        Exception e = assertThrows(Exception.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof EngineException, String.valueOf(e.getCause()));
        assertEquals(1, processes.get(0).stops.get());
        taken.close();
    }

    private static ApiV2Pool.Lease acquire(ApiV2Pool pool, String voice) {
        try {
            return pool.acquire(voice);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
