package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.DeadLetter;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.worker.engine.EngineException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The life of one delivered attempt, whatever the job's kind:
 * <ol>
 * <li>an attempt that does not own its job is not run: one that lost it for good (cancelled,
 *     finished, a newer attempt) has its record acknowledged; another copy of an attempt that
 *     already started goes back to the queue for a later delivery ({@link Ownership.Lost});</li>
 * <li>RUNNING, the work, then SUCCEEDED with its result; the job counts as done only once Kafka
 *     acknowledged that event. Meanwhile an {@link AttemptWatch} sends keep-alives and stops the
 *     work if the attempt loses its job;</li>
 * <li>transient failures (S3, Kafka, Redis, anything not {@link EngineException#permanent()}) are
 *     retried inside the attempt with jittered exponential backoff for up to the retry budget, so a
 *     30 s outage ends in SUCCEEDED; past the budget the attempt reports RETRYING, waits its
 *     between-attempts backoff (the lock still renewed) and hands the record back; the last
 *     attempt sends the job to the dead-letter topic and ends it FAILED;</li>
 * <li>a permanent failure is FAILED at once, with its reason.</li>
 * </ol>
 * If even an outcome cannot be reported, the record goes back so the outcome is not lost. An
 * undecodable record is dropped.
 */
final class JobRun<J extends JobSpec> {

    private static final Logger LOG = Logger.getLogger(JobRun.class);

    /** What a kind of job does; {@code running} is its RUNNING event (attempt, progress reports). */
    @FunctionalInterface
    interface Work<J> {
        JobResult run(J job, JobEvent running) throws InterruptedException;
    }

    /** One step retried on transient failures. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws InterruptedException;
    }

    /** The retry budget of the attempt is spent; the message is the last failure. */
    private static final class BudgetSpent extends Exception {
        BudgetSpent(String lastFailure) {
            super(lastFailure, null, false, false);
        }
    }

    private final Class<J> type;
    private final Lifecycle lifecycle;

    JobRun(Class<J> type, Lifecycle lifecycle) {
        this.type = type;
        this.lifecycle = lifecycle;
    }

    Disposition handle(String payload, int attempt, Work<J> work) throws InterruptedException {
        J job;
        try {
            job = Json.decode(payload, type);
        } catch (IllegalArgumentException e) {
            LOG.errorf("dropping undecodable %s record: %s", type.getSimpleName(), e.getMessage());
            return Disposition.GIVE_UP;
        }
        Optional<Ownership.Lost> notOurs = lifecycle.ownership().lostBecause(job.jobId(), attempt, false);
        if (notOurs.isPresent() && !notOurs.get().laterDeliveryMayRunIt()) {
            LOG.infof("job %s attempt %d not run: %s", job.jobId(), attempt, notOurs.get().reason());
            return Disposition.DONE;
        }
        if (notOurs.isPresent() && attempt < lifecycle.maxAttempts()) {
            LOG.infof("job %s attempt %d not run now: %s; the record goes back for a later delivery", job.jobId(),
                    attempt, notOurs.get().reason());
            Thread.sleep(lifecycle.betweenAttempts().delay(attempt).toMillis());
            return Disposition.RETRY;
        }
        // The last delivery runs even beside another copy: a duplicate run beats a job nobody runs.
        JobEvent running = JobEvent.of(job, JobStatus.RUNNING, attempt, lifecycle.workerId());
        Instant deadline = Instant.now().plus(lifecycle.retryBudget());
        AttemptWatch watch = AttemptWatch.start(running, lifecycle);
        try (watch) {
            retrying(deadline, watch, () -> {
                lifecycle.events().publish(running);
                return null;
            });
            LOG.debugf("job %s running, attempt %d", job.jobId(), attempt);
            JobResult result = retrying(deadline, watch, () -> work.run(job, running));
            // The watch looks once a second; a job that finished in between (another copy's
            // outcome, a cancel) is checked now, so a lost attempt reports nothing.
            Optional<Ownership.Lost> lostMeanwhile = lifecycle.ownership().lostBecause(job.jobId(), attempt, true);
            if (lostMeanwhile.isPresent()) {
                LOG.infof("job %s attempt %d computed but not reported: %s", job.jobId(), attempt,
                        lostMeanwhile.get().reason());
                return Disposition.DONE;
            }
            JobEvent succeeded = JobEvent.of(job, JobStatus.SUCCEEDED, attempt, lifecycle.workerId()).withResult(result);
            retrying(deadline, watch, () -> {
                lifecycle.events().publish(succeeded);
                return null;
            });
            return Disposition.DONE;
        } catch (EngineException e) {
            return fail(job, attempt, e.getMessage(), null, payload);
        } catch (BudgetSpent e) {
            return retryOrGiveUp(job, attempt, e.getMessage(), payload);
        } catch (InterruptedException e) {
            Optional<String> lost = watch.lost();
            if (lost.isPresent()) {
                LOG.infof("job %s attempt %d stopped: %s", job.jobId(), attempt, lost.get());
                return Disposition.DONE;
            }
            throw e;
        }
    }

    /**
     * Runs the step until it succeeds, fails permanently or the budget is spent, and never once
     * the attempt has lost its job: the watch's interrupt may have surfaced as an ordinary error.
     */
    private <T> T retrying(Instant deadline, AttemptWatch watch, Step<T> step) throws InterruptedException, BudgetSpent {
        for (int retry = 1; ; retry++) {
            watch.requireOwned();
            String failure;
            try {
                return step.run();
            } catch (EngineException e) {
                if (e.permanent()) {
                    throw e;
                }
                failure = e.getMessage();
            } catch (RuntimeException e) {
                failure = String.valueOf(e.getMessage());
            }
            long wait = lifecycle.inAttempt().delay(retry).toMillis();
            if (Instant.now().plusMillis(wait).isAfter(deadline)) {
                throw new BudgetSpent(failure);
            }
            LOG.debugf("transient failure, retry %d in %d ms: %s", retry, wait, failure);
            Thread.sleep(wait);
        }
    }

    private Disposition retryOrGiveUp(J job, int attempt, String reason, String payload) throws InterruptedException {
        if (attempt >= lifecycle.maxAttempts()) {
            return fail(job, attempt, "gave up after " + attempt + " attempts: " + reason, reason, payload);
        }
        LOG.warnf("job %s attempt %d failed, will retry: %s", job.jobId(), attempt, reason);
        Disposition disposition = report(JobEvent.of(job, JobStatus.RETRYING, attempt, lifecycle.workerId())
                .withReason(reason), Disposition.RETRY);
        Thread.sleep(lifecycle.betweenAttempts().delay(attempt).toMillis());
        return disposition;
    }

    /** Ends the job FAILED; one that spent its budget ({@code lastError} set) goes to the dead letters first. */
    private Disposition fail(J job, int attempt, String reason, String lastError, String payload)
            throws InterruptedException {
        LOG.errorf("job %s (tenant %s) failed: %s", job.jobId(), job.tenant(), reason);
        if (lastError != null) {
            try {
                lifecycle.deadLetters().publish(new DeadLetter(job.jobId(), job.kind(), job.hardwareClass(), attempt,
                        reason, lastError, Instant.now(), payload));
            } catch (RuntimeException e) {
                LOG.errorf("job %s: dead letter not published, releasing the record: %s", job.jobId(), e.getMessage());
                return Disposition.RETRY;
            }
        }
        return report(JobEvent.of(job, JobStatus.FAILED, attempt, lifecycle.workerId()).withReason(reason),
                Disposition.GIVE_UP);
    }

    private Disposition report(JobEvent event, Disposition disposition) throws InterruptedException {
        try {
            lifecycle.events().publish(event);
            return disposition;
        } catch (RuntimeException e) {
            LOG.errorf("job %s: cannot report %s, releasing the record: %s", event.jobId(), event.status(), e.getMessage());
            return Disposition.RETRY;
        }
    }
}
