package dev.voicefarm.gateway.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
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
    private final Map<String, Object> adminSettings;
    private volatile Admin admin;
    private ScheduledExecutorService timer;

    public QueueProbe(QueueHealth health, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.health = health;
        String timeout = Integer.toString(CHECK_TIMEOUT_MS);
        this.adminSettings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "voicefarm-gateway-queue-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeout,
                // A broker that comes back must be seen within a check or two, not after minutes of back-off.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, timeout);
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
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }

    private void check() {
        try {
            if (admin == null) {
                // Created here, not at start-up: a broker address that does not resolve yet is an
                // outage to report, not a reason for the gateway not to start.
                admin = Admin.create(adminSettings);
            }
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(CHECK_TIMEOUT_MS))
                    .clusterId().get(2L * CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            health.markUp();
        } catch (ExecutionException e) {
            health.markDown("the cluster check failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            health.markDown("the cluster check got no answer within " + CHECK_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Anything escaping would end the schedule, and with it every way back up.
            health.markDown("the cluster check failed: " + e.getMessage());
        }
    }
}
