package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.DeadLetter;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Lifecycles for handler tests: events and dead letters into lists, three attempts, no waiting between them. */
final class TestLifecycles {

    static final Backoff NO_WAIT = new Backoff(Duration.ZERO, Duration.ZERO);

    private TestLifecycles() {
    }

    /** Owns every job; a transient failure spends the attempt at once. */
    static Lifecycle of(List<JobEvent> events, List<DeadLetter> deadLetters) {
        return of(events, deadLetters, (jobId, attempt, started) -> Optional.empty(), Duration.ZERO);
    }

    static Lifecycle of(List<JobEvent> events, List<DeadLetter> deadLetters, Ownership ownership, Duration retryBudget) {
        return new Lifecycle(event -> {
            synchronized (events) {
                events.add(event);
            }
        }, deadLetters::add, ownership, "w1", 3, retryBudget, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)),
                NO_WAIT, Duration.ofMillis(50), Duration.ofMillis(20));
    }
}
