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
 * Asks Kafka every second whether it is there (an Admin {@code describeCluster}, 1 s timeout)
 * and tells {@link QueueHealth}: the way it turns up again after an outage, and the way an
 * outage is noticed before a client's publish has to fail.
 */
@ApplicationScoped
public class QueueProbe {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int CHECK_TIMEOUT_MS = 1000;

    private final QueueHealth health;
    private final String bootstrapServers;
    private Admin admin;
    private ScheduledExecutorService timer;

    public QueueProbe(QueueHealth health, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.health = health;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent startup) {
        String timeout = Integer.toString(CHECK_TIMEOUT_MS);
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "voicefarm-gateway-queue-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeout,
                // A broker that comes back must be seen within a check or two, not after minutes of back-off.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, timeout));
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "queue-probe");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
        admin.close(Duration.ZERO);
    }

    private void check() {
        try {
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
