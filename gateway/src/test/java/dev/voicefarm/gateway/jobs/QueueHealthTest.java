package dev.voicefarm.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.gateway.api.ApiException;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueHealthTest {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(8);

    private final QueueHealth health = new QueueHealth();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    private static ApiException queueUnavailable(Runnable call) {
        ApiException e = assertThrows(ApiException.class, call::run);
        assertEquals(Status.SERVICE_UNAVAILABLE, e.status());
        assertEquals("queue_unavailable", e.code());
        assertEquals(QueueHealth.RETRY, e.retryAfter());
        return e;
    }

    @Test
    void startsDownUntilKafkaHasAnswered() {
        ApiException e = queueUnavailable(health::requireUp);
        assertTrue(e.getMessage().contains("has not reached Kafka since it started"), e.getMessage());
        health.markUp();
        assertDoesNotThrow(health::requireUp);
    }

    @Test
    void downNamesItsCauseUntilUpAgain() {
        health.markUp();
        health.markDown("the cluster check failed: broker gone");
        health.markDown("a later cause does not replace the first");
        ApiException e = queueUnavailable(health::requireUp);
        assertTrue(e.getMessage().contains("broker gone") && e.getMessage().contains("try again"), e.getMessage());
        health.markUp();
        assertDoesNotThrow(health::requireUp);
    }

    @Test
    void anAcknowledgedPublishPasses() {
        health.markUp();
        assertDoesNotThrow(() -> health.await(CompletableFuture.completedFuture(null), PUBLISH_TIMEOUT));
        assertDoesNotThrow(health::requireUp);
    }

    @Test
    void aFailedPublishMarksKafkaDown() {
        health.markUp();
        ApiException e = queueUnavailable(() -> health.await(
                CompletableFuture.failedFuture(new IllegalStateException("not enough replicas")), PUBLISH_TIMEOUT));
        assertTrue(e.getMessage().contains("a publish failed: not enough replicas"), e.getMessage());
        queueUnavailable(health::requireUp);
    }

    @Test
    void aLatePublishMarksKafkaDown() {
        health.markUp();
        ApiException e = queueUnavailable(() -> health.await(new CompletableFuture<>(), Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("not acknowledged within"), e.getMessage());
        queueUnavailable(health::requireUp);
    }

    @Test
    void aPublishInFlightGivesUpAsSoonAsKafkaIsKnownDown() {
        health.markUp();
        later.schedule(() -> health.markDown("the cluster check got no answer"), 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        ApiException e = queueUnavailable(() -> health.await(new CompletableFuture<>(), PUBLISH_TIMEOUT));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMs < 2000, "waited " + waitedMs + " ms for a publish Kafka could not acknowledge");
        assertTrue(e.getMessage().contains("the cluster check got no answer"), e.getMessage());
    }
}
