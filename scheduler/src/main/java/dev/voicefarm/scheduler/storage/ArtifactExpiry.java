package dev.voicefarm.scheduler.storage;

import dev.voicefarm.common.storage.ArtifactSweeper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Runs the {@link ArtifactSweeper} every {@code farm.artifacts.sweep-interval} (1 h). A sweep that
 * fails (S3 down) is simply tried again at the next interval: nothing is lost by sweeping late.
 */
@ApplicationScoped
public class ArtifactExpiry {

    private static final Logger LOG = Logger.getLogger(ArtifactExpiry.class);

    private final ArtifactSweeper sweeper;

    public ArtifactExpiry(ArtifactSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Scheduled(every = "${farm.artifacts.sweep-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int removed = sweeper.sweep(Instant.now());
            if (removed > 0) {
                LOG.infof("expired %d job file(s) past the retention", removed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("job files not swept, trying again next interval: %s", e.getMessage());
        }
    }
}
