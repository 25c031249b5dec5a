package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.kafka.KafkaPing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks Kafka twice a second whether it is there (an Admin {@code describeCluster}, 1 s timeout)
 * and tells {@link QueueHealth}: the way it turns up again after an outage, and the way an
 * outage is noticed before a client's publish has to fail. Half a second between checks plus the
 * check's own timeout keep the longest wait for a refusal under 2 s after the broker goes away;
 * the timeout stays at 1 s so that a busy machine is not mistaken for a missing broker.
 */
@ApplicationScoped
public class QueueProbe {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final int CHECK_TIMEOUT_MS = 1000;

    private final QueueHealth health;
    private final KafkaPing ping;
    private ScheduledExecutorService timer;

    public QueueProbe(QueueHealth health, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.health = health;
        this.ping = new KafkaPing(bootstrapServers, "voicefarm-gateway-queue-probe", Duration.ofMillis(CHECK_TIMEOUT_MS));
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "queue-probe");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
        ping.close();
    }

    private void check() {
        try {
            ping.ping();
            health.markUp();
        } catch (KafkaPing.KafkaUnreachableException e) {
            health.markDown(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Anything escaping would end the schedule, and with it every way back up.
            health.markDown("the cluster check failed: " + e.getMessage());
        }
    }
}
