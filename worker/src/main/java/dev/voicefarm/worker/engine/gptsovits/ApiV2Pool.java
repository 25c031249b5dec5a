package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.fleet.EngineProcess;
import dev.voicefarm.worker.engine.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The api_v2 processes of this worker and who may use each. GPT-SoVITS keeps one set of weights per
 * process and serves every request with them, so a process is leased to one request at a time
 * ({@link #acquire}) and the lease says which voice it holds: two voices can never mix. A process is
 * restarted, in the background and holding no voice afterwards, when its {@link RecyclePolicy} says
 * so after a request, when it failed, and when a health check finds it dead or silent.
 *
 * <p>Thread-safety: every slot's state changes under the pool's one lock; the slow parts (requests,
 * restarts, health checks) run outside it on a slot that is marked taken.
 */
final class ApiV2Pool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApiV2Pool.class);

    private enum State {
        STARTING("starting"), READY("ready"), BUSY("busy"), CHECKING("ready"), RESTARTING("restarting"),
        DOWN("restarting");

        private final String reported;

        State(String reported) {
            this.reported = reported;
        }
    }

    /** One process and what the pool knows of it; guarded by the pool's lock. */
    private static final class Slot {
        final ServerProcess process;
        State state = State.STARTING;
        String voice;
        AutoCloseable voiceResources;
        long lastUsed;
        int jobs;
        int restarts;
        long rssMb = -1;
        long gpuMb = -1;
        String broken;

        Slot(ServerProcess process) {
            this.process = process;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final RecyclePolicy policy;
    private final Duration healthInterval;
    private final Duration acquireTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ExecutorService restarts = Executors.newCachedThreadPool(daemon("gpt-sovits-restart"));
    private final ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(daemon("gpt-sovits-health"));
    private long clock;
    private boolean closed;

    /**
     * @param acquireTimeout how long a request waits for a process when all are taken or restarting
     */
    ApiV2Pool(List<? extends ServerProcess> processes, RecyclePolicy policy, Duration healthInterval,
              Duration acquireTimeout) {
        processes.forEach(p -> slots.add(new Slot(p)));
        this.policy = policy;
        this.healthInterval = healthInterval;
        this.acquireTimeout = acquireTimeout;
    }

    /**
     * Starts every process at once (each loads its models for a while) and returns when all answer;
     * then checks their health every interval.
     *
     * @throws IllegalStateException naming the first process that did not come up; all are stopped then
     */
    void start() throws InterruptedException {
        List<Future<?>> started = new ArrayList<>();
        for (Slot slot : slots) {
            started.add(restarts.submit(() -> {
                slot.process.start();
                return null;
            }));
        }
        for (Future<?> future : started) {
            try {
                future.get();
            } catch (ExecutionException e) {
                close();
                throw new IllegalStateException("GPT-SoVITS did not start: " + e.getCause().getMessage(), e.getCause());
            }
        }
        lock.lock();
        try {
            slots.forEach(slot -> slot.state = State.READY);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        long every = healthInterval.toMillis();
        health.scheduleWithFixedDelay(this::checkHealth, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * An idle process for the voice ({@link SlotChoice}): its lease must be closed when the request is done.
     *
     * @throws EngineException (transient) when none became free within the acquire timeout
     */
    Lease acquire(String voice) throws InterruptedException {
        long deadline = System.nanoTime() + acquireTimeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    throw new EngineException("the GPT-SoVITS engine is shutting down", false);
                }
                Optional<Slot> chosen = choose(voice);
                if (chosen.isPresent() && chosen.get().process.isAlive()) {
                    Slot slot = chosen.get();
                    slot.state = State.BUSY;
                    slot.lastUsed = ++clock;
                    return new Lease(slot);
                }
                if (chosen.isPresent()) {
                    // Died while idle (killed, out of memory): renewed, and another one is chosen.
                    Slot slot = chosen.get();
                    slot.broken = "it died while idle";
                    slot.state = State.RESTARTING;
                    restartLater(slot);
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new EngineException("no GPT-SoVITS process became free within %d s (%d process(es), all busy or restarting)"
                            .formatted(acquireTimeout.toSeconds(), slots.size()), false);
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private Optional<Slot> choose(String voice) {
        List<SlotChoice.Idle> idle = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (slot.state == State.READY) {
                idle.add(new SlotChoice.Idle(i, slot.voice, slot.lastUsed));
            }
        }
        return SlotChoice.choose(idle, voice).map(slots::get);
    }

    /** A process lent to one request; closing it hands the process back (or has it restarted). */
    final class Lease implements AutoCloseable {

        private final Slot slot;
        private boolean served;

        private Lease(Slot slot) {
            this.slot = slot;
        }

        ServerProcess process() {
            return slot.process;
        }

        /** The voice whose weights the process holds, {@code null} for none. */
        String voice() {
            lock.lock();
            try {
                return slot.voice;
            } finally {
                lock.unlock();
            }
        }

        /** From now on the process holds no known voice: call before switching weights, which can fail halfway. */
        void forget() {
            lock.lock();
            try {
                forgetVoice(slot);
            } finally {
                lock.unlock();
            }
        }

        /**
         * The process holds this voice's weights now.
         *
         * @param resources released when it stops holding them (the voice's files stay cached meanwhile)
         */
        void hold(String voice, AutoCloseable resources) {
            lock.lock();
            try {
                forgetVoice(slot);
                slot.voice = voice;
                slot.voiceResources = resources;
            } finally {
                lock.unlock();
            }
        }

        /** The process was given a request (counted for recycling, whatever its outcome). */
        void served() {
            lock.lock();
            try {
                slot.jobs++;
                served = true;
            } finally {
                lock.unlock();
            }
        }

        /** The process failed: it is restarted when the lease closes. */
        void broken(String reason) {
            lock.lock();
            try {
                slot.broken = reason;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            // Measured after every request, outside the lock: reading /proc takes a moment. GPU
            // memory (nvidia-smi, slower) only by the health checks.
            long rss = served ? slot.process.rssMb() : -1;
            release(slot, rss, -1);
        }
    }

    private void release(Slot slot, long rssMb, long gpuMb) {
        boolean restart;
        lock.lock();
        try {
            if (rssMb >= 0) {
                slot.rssMb = rssMb;
            }
            if (gpuMb >= 0) {
                slot.gpuMb = gpuMb;
            }
            Optional<String> reason = policy.reason(slot.jobs, rssMb, gpuMb, slot.broken);
            restart = reason.isPresent() && !closed;
            if (restart) {
                slot.broken = reason.get();
                slot.state = State.RESTARTING;
            } else {
                slot.state = State.READY;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (restart) {
            restartLater(slot);
        }
    }

    /** Restarts the slot's process in the background; it is {@code RESTARTING} (never chosen) until it answers. */
    private void restartLater(Slot slot) {
        try {
            restarts.execute(() -> restart(slot));
        } catch (RejectedExecutionException e) {
            // closing: the process is stopped with the others
        }
    }

    private void restart(Slot slot) {
        String reason;
        lock.lock();
        try {
            reason = slot.broken;
            slot.restarts++;
            forgetVoice(slot);
        } finally {
            lock.unlock();
        }
        LOG.infof("restarting %s: %s", slot.process, reason);
        try {
            slot.process.stop();
            slot.process.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            // A process that cannot start now is tried again at the next health check.
            LOG.warnf("%s did not restart: %s", slot.process, e.getMessage());
            lock.lock();
            try {
                slot.state = State.DOWN;
                slot.broken = "it did not start: " + e.getMessage();
            } finally {
                lock.unlock();
            }
            return;
        }
        lock.lock();
        try {
            slot.jobs = 0;
            slot.broken = null;
            slot.rssMb = -1;
            slot.gpuMb = -1;
            slot.lastUsed = 0;
            slot.state = State.READY;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void forgetVoice(Slot slot) {
        slot.voice = null;
        if (slot.voiceResources != null) {
            try {
                slot.voiceResources.close();
            } catch (Exception e) {
                LOG.debugf("releasing the files of a voice failed: %s", e.getMessage());
            }
            slot.voiceResources = null;
        }
    }

    /** Each idle process is asked whether it answers and measured; a down one is started again. */
    private void checkHealth() {
        for (Slot slot : slots) {
            boolean check;
            boolean retry;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                check = slot.state == State.READY;
                retry = slot.state == State.DOWN;
                if (check) {
                    slot.state = State.CHECKING;
                } else if (retry) {
                    slot.state = State.RESTARTING;
                }
            } finally {
                lock.unlock();
            }
            if (retry) {
                restartLater(slot);
            } else if (check) {
                checkOne(slot);
            }
        }
    }

    private void checkOne(Slot slot) {
        boolean answers;
        try {
            answers = slot.process.answers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            answers = false;
        }
        if (!answers) {
            lock.lock();
            try {
                slot.broken = slot.process.isAlive() ? "it did not answer a health check" : "it died while idle";
            } finally {
                lock.unlock();
            }
        }
        release(slot, slot.process.rssMb(), slot.process.gpuMb());
    }

    /** One entry per process, as the heartbeat reports them. */
    List<EngineProcess> processes() {
        lock.lock();
        try {
            List<EngineProcess> all = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                all.add(new EngineProcess(i, slot.state.reported, slot.voice, slot.jobs, slot.restarts,
                        Math.max(0, slot.rssMb), slot.gpuMb));
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** The voices held now, most recently used last. */
    List<String> heldVoices() {
        lock.lock();
        try {
            return slots.stream()
                    .filter(slot -> slot.voice != null)
                    .sorted(Comparator.comparingLong(slot -> slot.lastUsed))
                    .map(slot -> slot.voice)
                    .distinct()
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** Stops every process; requests waiting for one fail (transiently). */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            slots.forEach(ApiV2Pool::forgetVoice);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        health.shutdownNow();
        restarts.shutdownNow();
        boolean interrupted = false;
        try {
            // A restart under way stops its own process when interrupted; wait for it before stopping the rest.
            restarts.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (Slot slot : slots) {
            try {
                slot.process.stop();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (RuntimeException e) {
                LOG.warnf("stopping %s failed: %s", slot.process, e.getMessage());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
