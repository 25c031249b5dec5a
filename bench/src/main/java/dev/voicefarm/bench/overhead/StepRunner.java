package dev.voicefarm.bench.overhead;

import dev.voicefarm.bench.Latencies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs N jobs through a path, either open loop at a fixed rate (a job every 1/rate seconds,
 * whatever the path does) or flooding with at most {@code window} jobs awaiting acceptance, then
 * waits for them to finish and measures submit-to-finish latency and throughput.
 */
final class StepRunner {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private StepRunner() {
    }

    static StepResult run(JobPath path, int jobs, double rate, int window) throws InterruptedException {
        long[] submittedAt = new long[jobs];
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        Semaphore outstanding = new Semaphore(window);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            } else {
                outstanding.acquire();
            }
            int index = i;
            submittedAt[i] = System.nanoTime();
            path.submit().whenComplete((id, error) -> {
                if (id != null) {
                    ids.put(index, id);
                } else {
                    refused.incrementAndGet();
                }
                outstanding.release();
            });
        }
        awaitAcceptedFinished(path, ids, refused, jobs);

        Latencies latencies = new Latencies();
        List<String> finishedIds = new ArrayList<>();
        long lastFinish = start;
        for (Map.Entry<Integer, String> entry : ids.entrySet()) {
            Long finishedAt = path.finished().get(entry.getValue());
            if (finishedAt != null) {
                latencies.record(finishedAt - submittedAt[entry.getKey()]);
                finishedIds.add(entry.getValue());
                lastFinish = Math.max(lastFinish, finishedAt);
            }
        }
        int lost = jobs - finishedIds.size() + path.unverified(finishedIds);
        double seconds = (lastFinish - submittedAt[0]) / 1e9;
        return new StepResult(path.name(), rate, jobs, finishedIds.size(),
                seconds > 0 ? finishedIds.size() / seconds : 0, latencies.p50Ms(), latencies.p99Ms(), lost);
    }

    private static void awaitAcceptedFinished(JobPath path, Map<Integer, String> ids, AtomicInteger refused,
                                              int jobs) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            long done = ids.values().stream()
                    .filter(id -> path.finished().containsKey(id) || path.failed().contains(id))
                    .count();
            if (ids.size() + refused.get() == jobs && done == ids.size()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
