package dev.voicefarm.gateway.webhooks;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The gateway's delivery threads ({@code farm.gateway.webhooks.dispatchers}, 0 for none): each
 * claims one due delivery at a time from Redis, under a lease, and has {@link WebhookDispatcher}
 * attempt it. Every gateway replica runs them; the claim is atomic, so each attempt is made by one.
 * A gateway that stops or dies mid-attempt records nothing: the lease runs out and any gateway
 * makes the attempt again, which is what makes delivery at least once across restarts.
 */
@ApplicationScoped
public class WebhookPump {

    private static final Logger LOG = Logger.getLogger(WebhookPump.class);

    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;
    private final int dispatchers;
    private final Duration lease;
    private final Duration pollInterval;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean storeDown = new AtomicBoolean();
    private volatile boolean running;

    /**
     * @param lease how long a claimed delivery is this gateway's: longer than an attempt can take
     *              ({@code farm.gateway.webhooks.timeout}), so that no live attempt is duplicated
     */
    public WebhookPump(WebhookStore store, WebhookDispatcher dispatcher,
                       @ConfigProperty(name = "farm.gateway.webhooks.dispatchers", defaultValue = "4") int dispatchers,
                       @ConfigProperty(name = "farm.gateway.webhooks.lease", defaultValue = "30s") Duration lease,
                       @ConfigProperty(name = "farm.gateway.webhooks.poll-interval", defaultValue = "1s") Duration pollInterval) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.dispatchers = dispatchers;
        this.lease = lease;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        for (int i = 0; i < dispatchers; i++) {
            Thread thread = new Thread(this::run, "webhooks-" + i);
            // Not joined on shutdown: an attempt cut off with the JVM is made again after its lease.
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Before the Redis client closes (Stores, default priority): no claim is made on a closed client. */
    void stop(@Observes @Priority(1) ShutdownEvent shutdown) {
        running = false;
    }

    private void run() {
        while (running) {
            List<String> claimed = claim();
            if (claimed.isEmpty()) {
                sleep();
                continue;
            }
            String jobId = claimed.get(0);
            try {
                dispatcher.deliver(jobId);
            } catch (RuntimeException e) {
                LOG.warnf("webhook of job %s: the attempt was not recorded (%s); it is made again once its lease"
                        + " of %d s has run out", jobId, e.getMessage(), lease.toSeconds());
            }
        }
    }

    private List<String> claim() {
        try {
            List<String> claimed = store.claimDue(clock.instant(), lease, 1);
            if (storeDown.compareAndSet(true, false)) {
                LOG.info("Redis answers again; webhooks are delivered");
            }
            return claimed;
        } catch (JedisException e) {
            if (storeDown.compareAndSet(false, true)) {
                LOG.warnf("Redis unreachable, webhook deliveries wait until it answers: %s", e.getMessage());
            }
            return List.of();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
