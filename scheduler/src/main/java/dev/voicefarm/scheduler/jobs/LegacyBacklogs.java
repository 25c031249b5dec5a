package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.state.JobStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * At start-up, moves the waiting jobs of a Redis kept from before waiting jobs were scored into the
 * sets the backlog counts and the supervisor reads ({@link JobStore#adoptLegacyBacklogs}). A Redis
 * that is not there yet is no reason not to start: the farm then has no such jobs to lose sight of
 * until it is, and the next start moves them.
 */
@ApplicationScoped
public class LegacyBacklogs {

    private static final Logger LOG = Logger.getLogger(LegacyBacklogs.class);

    private final JobStore jobs;

    public LegacyBacklogs(JobStore jobs) {
        this.jobs = jobs;
    }

    void adopt(@Observes StartupEvent startup) {
        try {
            long moved = jobs.adoptLegacyBacklogs();
            if (moved > 0) {
                LOG.infof("moved %d waiting job(s) from the unscored backlog sets of an earlier version", moved);
            }
        } catch (JedisException e) {
            LOG.warnf("waiting jobs of an earlier version not looked for: %s", e.getMessage());
        }
    }
}
