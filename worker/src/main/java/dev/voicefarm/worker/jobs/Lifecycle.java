package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.retry.Backoff;
import java.time.Duration;

/**
 * What every job run of a worker shares: where its events and dead letters go, how it learns it
 * lost its job, and its retry budget.
 *
 * @param maxAttempts    deliveries of one job before it is given up: the broker's share-group
 *                       delivery count limit, so the worker and the broker agree
 * @param retryBudget    how long one attempt retries transient failures (S3, Kafka, Redis) before it
 *                       hands the job back: long enough to ride out a 30 s outage
 * @param inAttempt      waits between retries inside an attempt
 * @param betweenAttempts the wait before a failed attempt hands its record back, by attempt number
 * @param keepAlive      how often a running attempt tells the scheduler it is alive
 * @param ownershipCheck how often a running attempt checks it still owns its job
 */
public record Lifecycle(EventSink events, DeadLetterSink deadLetters, Ownership ownership, String workerId,
                        int maxAttempts, Duration retryBudget, Backoff inAttempt, Backoff betweenAttempts,
                        Duration keepAlive, Duration ownershipCheck) {
}
