package dev.voicefarm.bench.overhead;

/**
 * Where one farm job's time went, from wall-clock times on this one machine (the worker stamps its
 * events with the same clock): the gateway's answer, the wait in the queue until a worker started
 * it, the work, and the report until the SUCCEEDED event reached a consumer of farm.events.
 *
 * @param acceptMs submit until the gateway's 202 (Kafka's acknowledgement and the QUEUED write inside)
 * @param queueMs  the 202 until the worker's RUNNING event was stamped (share-group delivery); below
 *                 zero when the worker started the job before the 202 reached the client (the
 *                 gateway answers after Kafka's ack and its QUEUED write, while the job is already out)
 * @param workMs   RUNNING until SUCCEEDED was stamped (the engine, the S3 PUT, the ownership checks)
 * @param reportMs SUCCEEDED stamped until this benchmark's consumer of farm.events had it
 */
public record JobPhases(long acceptMs, long queueMs, long workMs, long reportMs) {

    public long totalMs() {
        return acceptMs + queueMs + workMs + reportMs;
    }
}
