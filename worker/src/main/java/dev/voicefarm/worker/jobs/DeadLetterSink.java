package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.DeadLetter;

/** Where a job that spent its budget goes before it ends FAILED: {@link EventPublisher} ({@code farm.dlq}), a list in tests. */
@FunctionalInterface
public interface DeadLetterSink {
    void publish(DeadLetter letter) throws InterruptedException;
}
