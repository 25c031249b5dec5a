package dev.voicefarm.worker.fleet;

import dev.voicefarm.worker.jobs.JobHandler;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the jobs running on this worker, for its heartbeats. */
public final class WorkerLoad {

    private final AtomicInteger running = new AtomicInteger();

    /** The handler, counted while it runs. */
    public JobHandler counting(JobHandler handler) {
        return (topic, payload, attempt) -> {
            running.incrementAndGet();
            try {
                return handler.handle(topic, payload, attempt);
            } finally {
                running.decrementAndGet();
            }
        };
    }

    public int running() {
        return running.get();
    }
}
