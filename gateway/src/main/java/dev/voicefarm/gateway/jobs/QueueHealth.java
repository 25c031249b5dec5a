package dev.voicefarm.gateway.jobs;

import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Whether Kafka is acknowledging, as far as the gateway knows. It turns down when a publish fails
 * or times out, or when {@link QueueProbe}'s cluster check fails, and up again when that check
 * succeeds. While it is down, jobs are refused at once instead of each waiting for the publish
 * timeout, so a broker outage costs clients a fast 503, not seconds of waiting.
 *
 * <p>It starts down: until the first check has reached Kafka, nothing says that Kafka is there.
 */
@ApplicationScoped
public class QueueHealth {

    private static final Logger LOG = Logger.getLogger(QueueHealth.class);

    /** Enough for the probe (twice a second) to have seen the broker again. */
    static final Duration RETRY = Duration.ofSeconds(5);

    /** Completed, with the cause, while Kafka is down; a fresh incomplete one while it is up. */
    private final AtomicReference<CompletableFuture<String>> outage = new AtomicReference<>(
            CompletableFuture.completedFuture("the gateway has not reached Kafka since it started"));

    public void markDown(String cause) {
        if (outage.get().complete(cause)) {
            LOG.warnf("Kafka is down, jobs are refused until it answers again: %s", cause);
        }
    }

    public void markUp() {
        CompletableFuture<String> current = outage.get();
        if (current.isDone() && outage.compareAndSet(current, new CompletableFuture<>())) {
            LOG.info("Kafka answers; jobs are accepted");
        }
    }

    /** Why Kafka is known to be down; empty while it is up. */
    public java.util.Optional<String> outage() {
        CompletableFuture<String> current = outage.get();
        return current.isDone() ? java.util.Optional.of(current.join()) : java.util.Optional.empty();
    }

    /** @throws ApiException 503 {@code queue_unavailable} while Kafka is known to be down */
    public void requireUp() {
        CompletableFuture<String> current = outage.get();
        if (current.isDone()) {
            throw unavailable(current.join());
        }
    }

    /**
     * Waits for Kafka's acknowledgement of one publish: at most {@code timeout}, and no longer
     * than until Kafka is known to be down (a request that raced the outage answers as fast as one
     * that came after it). A failed or late acknowledgement marks Kafka down.
     *
     * @throws ApiException 503 {@code queue_unavailable} when the acknowledgement did not come
     */
    public void await(CompletableFuture<?> ack, Duration timeout) {
        CompletableFuture<String> down = outage.get();
        try {
            CompletableFuture.anyOf(ack, down).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            markDown("a publish failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            markDown("a publish was not acknowledged within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the request was interrupted while waiting for Kafka");
        }
        if (ack.isDone() && !ack.isCompletedExceptionally()) {
            return;
        }
        // A failed or late publish has just completed this outage, if no earlier one had.
        throw unavailable(down.join());
    }

    private static ApiException unavailable(String cause) {
        return ApiException.unavailable("queue_unavailable",
                "the job queue (Kafka) is not acknowledging jobs: " + cause + "; try again shortly", RETRY);
    }
}
