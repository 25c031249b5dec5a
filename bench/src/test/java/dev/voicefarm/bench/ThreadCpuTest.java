package dev.voicefarm.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void cpuIsCountedPerPoolAndTheCompilersRecognised() throws InterruptedException {
        ThreadCpu cpu = new ThreadCpu(ProcessHandle.current().pid());
        CountDownLatch spun = new CountDownLatch(2);
        CountDownLatch read = new CountDownLatch(1);
        Runnable spin = () -> {
            long until = System.nanoTime() + 300_000_000L;
            long x = 0;
            while (System.nanoTime() < until) {
                x += Long.numberOfTrailingZeros(x + 1);
            }
            spun.countDown();
            try {
                read.await(); // a thread that has ended is gone from /proc, and its time with it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread first = new Thread(spin, "spinner-1");
        Thread second = new Thread(spin, "spinner-2");
        first.start();
        second.start();
        spun.await();
        Map<String, Double> pools = cpu.secondsSinceMark();
        read.countDown();
        // Two threads of 0.3 s each, counted as one pool (a tick is 10 ms; the machine may be busy).
        assertTrue(pools.getOrDefault("spinner-#", 0.0) >= 0.2, "the spinners' CPU: " + pools);
        // HotSpot names them "C2 CompilerThread0", cut to 15 characters by Linux.
        assertTrue(pools.keySet().stream().anyMatch(ThreadCpu::isJitCompiler), "a JIT compiler thread: " + pools.keySet());
        assertFalse(ThreadCpu.isJitCompiler("GC Thread##"));
    }
}
