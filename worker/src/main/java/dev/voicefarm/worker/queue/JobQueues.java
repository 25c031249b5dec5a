package dev.voicefarm.worker.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A worker's job queues, one thread each, and how they end: drained first, so a scaled-down worker
 * finishes the jobs it runs instead of handing them back half done, and stopped once the drain
 * deadline passes, so a job longer than the deadline is released to the group (a training resumes
 * there from its last checkpoint) rather than outlive the grace period its platform gives.
 */
public final class JobQueues {

    private static final Logger LOG = Logger.getLogger(JobQueues.class);
    /** How long the stopped loops may take, all together, to release their jobs and close their consumers. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final List<ShareGroupJobQueue> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts the queue's loop on a thread of its own. */
    public void start(ShareGroupJobQueue queue, String threadName) {
        Thread thread = new Thread(queue, threadName);
        queues.add(queue);
        threads.add(thread);
        thread.start();
    }

    /** Whether every queue is polling its topics. */
    public boolean polling() {
        return !queues.isEmpty() && queues.stream().allMatch(ShareGroupJobQueue::isPolling);
    }

    /**
     * Drains every queue and waits up to {@code deadline} for their running jobs to finish; then
     * stops the ones still running, releasing their jobs. True when every job finished in time.
     */
    public boolean close(Duration deadline) throws InterruptedException {
        queues.forEach(ShareGroupJobQueue::drain);
        awaitAll(threads, deadline);
        List<Thread> late = threads.stream().filter(Thread::isAlive).toList();
        if (late.isEmpty()) {
            return true;
        }
        LOG.warnf("drain deadline of %d s passed with %d job(s) still running: releasing them to the group",
                deadline.toSeconds(), late.size());
        queues.forEach(ShareGroupJobQueue::stop);
        awaitAll(late, STOP_WAIT);
        return false;
    }

    /** Joins the threads within one deadline for them all, not one per thread. */
    private static void awaitAll(List<Thread> threads, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (Thread thread : threads) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            thread.join(left);
        }
    }
}
