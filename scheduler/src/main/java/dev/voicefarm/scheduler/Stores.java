package dev.voicefarm.scheduler;

import dev.voicefarm.common.state.FleetStore;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.state.VoiceStore;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.RedisClient;

/** The scheduler's connection to Redis, shared by the job state and the fleet registry. */
@ApplicationScoped
public class Stores {

    private final RedisClient redis;

    public Stores(@ConfigProperty(name = "farm.redis.host") String host,
                  @ConfigProperty(name = "farm.redis.port") int port) {
        this.redis = RedisClient.create(host, port);
    }

    @Produces
    @Singleton
    JobStore jobStore() {
        return new JobStore(redis);
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

    void close(@Observes ShutdownEvent shutdown) {
        redis.close();
    }
}
