package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Watches one running attempt from beside its compute thread: publishes a keep-alive (its RUNNING
 * event again, which the transition takes as liveness of the running attempt) so the scheduler can
 * tell a live job from an orphan, and checks ownership, interrupting the compute thread the moment
 * the attempt lost its job (cancelled, timed out, taken over). Closed by the compute thread when
 * the attempt ends; an interrupt never leaks into the next job.
 */
final class AttemptWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AttemptWatch.class);
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "attempt-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final Thread compute;
    private final ScheduledFuture<?> keepAlive;
    private final ScheduledFuture<?> ownership;
    private String lost;
    private boolean closed;

    private AttemptWatch(JobEvent running, Lifecycle lifecycle, Thread compute) {
        this.compute = compute;
        long alive = lifecycle.keepAlive().toMillis();
        this.keepAlive = TIMER.scheduleWithFixedDelay(() -> keepAlive(running, lifecycle), alive, alive,
                TimeUnit.MILLISECONDS);
        long check = lifecycle.ownershipCheck().toMillis();
        this.ownership = TIMER.scheduleWithFixedDelay(() -> lifecycle.ownership()
                .lostBecause(running.jobId(), running.attempt(), true)
                .ifPresent(lost -> lose(lost.reason())), check, check, TimeUnit.MILLISECONDS);
    }

    /** Starts watching the attempt running on the calling thread. */
    static AttemptWatch start(JobEvent running, Lifecycle lifecycle) {
        return new AttemptWatch(running, lifecycle, Thread.currentThread());
    }

    /** Why the attempt lost its job, if it did. */
    synchronized Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    /** @throws InterruptedException when the attempt lost its job, so that nothing more is done for it */
    synchronized void requireOwned() throws InterruptedException {
        if (lost != null) {
            throw new InterruptedException(lost);
        }
    }

    private synchronized void lose(String reason) {
        if (closed || lost != null) {
            return;
        }
        lost = reason;
        compute.interrupt();
    }

    private static void keepAlive(JobEvent running, Lifecycle lifecycle) {
        try {
            lifecycle.events().publish(running.withAt(java.time.Instant.now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("job %s: keep-alive not sent: %s", running.jobId(), e.getMessage());
        }
    }

    /** Stops watching; on the compute thread, clears an interrupt this watch raised. */
    @Override
    public void close() {
        keepAlive.cancel(false);
        ownership.cancel(false);
        synchronized (this) {
            closed = true;
            if (lost != null && Thread.currentThread() == compute) {
                Thread.interrupted();
            }
        }
    }
}
