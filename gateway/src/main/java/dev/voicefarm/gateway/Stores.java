package dev.voicefarm.gateway;

import dev.voicefarm.common.state.AudioStreams;
import dev.voicefarm.common.state.FleetStore;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.state.RedisSettings;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.S3Settings;
import dev.voicefarm.gateway.idempotency.ClaimStore;
import dev.voicefarm.gateway.idempotency.RedisClaimStore;
import dev.voicefarm.gateway.tenants.ApiKeys;
import dev.voicefarm.gateway.tenants.RateLimits;
import dev.voicefarm.gateway.tenants.TenantStore;
import dev.voicefarm.gateway.webhooks.RedisWebhookStore;
import dev.voicefarm.gateway.webhooks.WebhookSecrets;
import dev.voicefarm.gateway.webhooks.WebhookStore;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.RedisClient;

/**
 * The gateway's connections to Redis (job state, fleet, routing table, idempotency keys, tenants,
 * API keys, rate limits, webhooks and their secrets) and S3 (presigned URLs).
 */
@ApplicationScoped
public class Stores {

    private final RedisClient redis;
    private final ArtifactStore artifacts;
    /** How long a job the gateway finishes (a cancelled one) stays readable, as the scheduler keeps the rest. */
    private final Duration retention;

    public Stores(@ConfigProperty(name = "farm.redis.host") String redisHost,
                  @ConfigProperty(name = "farm.redis.port") int redisPort,
                  @ConfigProperty(name = "farm.redis.password") Optional<String> redisPassword,
                  @ConfigProperty(name = "farm.s3.endpoint") String s3Endpoint,
                  @ConfigProperty(name = "farm.s3.public-endpoint") Optional<String> s3PublicEndpoint,
                  @ConfigProperty(name = "farm.s3.access-key") String accessKey,
                  @ConfigProperty(name = "farm.s3.secret-key") String secretKey,
                  @ConfigProperty(name = "farm.s3.region") String region,
                  @ConfigProperty(name = "farm.jobs.retention", defaultValue = "7d") Duration retention) {
        this.redis = new RedisSettings(redisHost, redisPort, redisPassword.orElse("")).open();
        this.retention = retention;
        this.artifacts = new ArtifactStore(
                new S3Settings(s3Endpoint, s3PublicEndpoint.orElse(s3Endpoint), accessKey, secretKey, region));
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

    @Produces
    @Singleton
    ClaimStore claimStore() {
        return new RedisClaimStore(redis);
    }

    @Produces
    @Singleton
    TenantStore tenantStore() {
        return new TenantStore(redis);
    }

    @Produces
    @Singleton
    ApiKeys apiKeys() {
        return new ApiKeys(redis, Clock.systemUTC());
    }

    @Produces
    @Singleton
    RateLimits rateLimits() {
        return new RateLimits(redis);
    }

    @Produces
    @Singleton
    AudioStreams audioStreams() {
        return new AudioStreams(redis);
    }

    @Produces
    @Singleton
    WebhookStore webhookStore() {
        return new RedisWebhookStore(redis, retention);
    }

    @Produces
    @Singleton
    WebhookSecrets webhookSecrets() {
        return new WebhookSecrets(redis);
    }

    /** The Redis client itself, for the readiness check. */
    public RedisClient redis() {
        return redis;
    }

    @Produces
    @Singleton
    ArtifactStore artifactStore() {
        return artifacts;
    }

    void close(@Observes ShutdownEvent shutdown) throws Exception {
        artifacts.close();
        redis.close();
    }
}
