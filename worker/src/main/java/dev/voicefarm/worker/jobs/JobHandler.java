package dev.voicefarm.worker.jobs;

/**
 * Runs one delivered job record. Called on a compute thread, never on the queue's consumer thread;
 * must return a disposition rather than throw, and must stop promptly when interrupted.
 */
@FunctionalInterface
public interface JobHandler {

    /**
     * @param topic   the topic the record came from, which says the job's kind
     * @param payload the record's value
     * @param attempt the delivery count, 1 on first delivery
     */
    Disposition handle(String topic, String payload, int attempt) throws InterruptedException;
}
