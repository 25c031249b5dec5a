package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.JobEvent;

/**
 * Where job handlers report lifecycle events: {@link EventPublisher} in the worker (returns once
 * Kafka acknowledged), a list in tests.
 */
@FunctionalInterface
public interface EventSink {
    void publish(JobEvent event) throws InterruptedException;
}
