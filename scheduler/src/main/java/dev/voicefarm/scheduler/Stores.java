package dev.voicefarm.scheduler;

import dev.voicefarm.common.state.FleetStore;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.state.RedisSettings;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ArtifactSweeper;
import dev.voicefarm.common.storage.S3Settings;
import dev.voicefarm.scheduler.fleet.LiveFleet;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import redis.clients.jedis.RedisClient;

/**
 * The scheduler's connections: Redis, shared by the job state and the fleet registry, and S3,
 * whose job files it expires.
 */
@ApplicationScoped
public class Stores {

    private static final Logger LOG = Logger.getLogger(Stores.class);

    private final RedisClient redis;
    private final ArtifactStore artifacts;
    private final Duration retention;

    public Stores(@ConfigProperty(name = "farm.redis.host") String host,
                  @ConfigProperty(name = "farm.redis.port") int port,
                  @ConfigProperty(name = "farm.redis.password") Optional<String> password,
                  @ConfigProperty(name = "farm.s3.endpoint") String s3Endpoint,
                  @ConfigProperty(name = "farm.s3.access-key") String accessKey,
                  @ConfigProperty(name = "farm.s3.secret-key") String secretKey,
                  @ConfigProperty(name = "farm.s3.region") String region,
                  @ConfigProperty(name = "farm.jobs.retention", defaultValue = "7d") Duration retention) {
        this.redis = new RedisSettings(host, port, password.orElse("")).open();
        this.artifacts = new ArtifactStore(new S3Settings(s3Endpoint, s3Endpoint, accessKey, secretKey, region));
        this.retention = retention;
    }

    /** The Redis client itself, for the readiness check. */
    public RedisClient redis() {
        return redis;
    }

    /** The S3 client itself, for the readiness check. */
    public ArtifactStore artifacts() {
        return artifacts;
    }

    /** Job files expire with the same retention as job records. */
    @Produces
    @Singleton
    ArtifactSweeper artifactSweeper() {
        return new ArtifactSweeper(artifacts, retention);
    }

    @Produces
    @Singleton
    JobStore jobStore() {
        return new JobStore(redis, retention);
    }

    @Produces
    @Singleton
    VoiceStore voiceStore() {
        return new VoiceStore(redis);
    }

    @Produces
    @Singleton
    FleetStore fleetStore() {
        return new FleetStore(redis, Clock.systemUTC());
    }

    /** Starts from the registry, so a restarted scheduler does not route as if the fleet were empty. */
    @Produces
    @Singleton
    LiveFleet liveFleet(FleetStore registry) {
        LiveFleet live = new LiveFleet(Clock.systemUTC());
        try {
            live.record(registry.liveReceived());
        } catch (RuntimeException e) {
            LOG.warnf("fleet registry not readable at start-up (%s): the fleet fills from the next heartbeats",
                    e.getMessage());
        }
        return live;
    }

    void close(@Observes ShutdownEvent shutdown) {
        redis.close();
        artifacts.close();
    }
}
