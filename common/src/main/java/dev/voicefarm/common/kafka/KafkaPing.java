package dev.voicefarm.common.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks Kafka whether it is there: an Admin {@code describeCluster} with a short timeout. The Admin
 * client is made on the first ask, not at start-up: a broker address that does not resolve yet is
 * an outage to report, not a reason for an app not to start. Its reconnect back-off is capped at
 * the timeout, so a broker that comes back is seen within a check or two, not after minutes.
 */
public final class KafkaPing implements AutoCloseable {

    private final Map<String, Object> settings;
    private final int timeoutMs;
    private Admin admin;

    public KafkaPing(String bootstrapServers, String clientId, Duration timeout) {
        this.timeoutMs = (int) timeout.toMillis();
        String millis = Integer.toString(timeoutMs);
        this.settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, millis);
    }

    /**
     * Answers normally when the cluster answered within the timeout.
     *
     * @throws KafkaUnreachableException saying why not
     */
    public synchronized void ping() throws InterruptedException {
        try {
            if (admin == null) {
                admin = Admin.create(settings);
            }
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .clusterId().get(2L * timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnreachableException("the cluster check failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new KafkaUnreachableException("the cluster check got no answer within " + timeoutMs + " ms");
        } catch (RuntimeException e) {
            throw new KafkaUnreachableException("the cluster check failed: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }

    /** Kafka did not answer; the message says how. */
    public static final class KafkaUnreachableException extends RuntimeException {
        KafkaUnreachableException(String message) {
            super(message);
        }
    }
}
