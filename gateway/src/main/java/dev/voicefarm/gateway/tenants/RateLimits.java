package dev.voicefarm.gateway.tenants;

import dev.voicefarm.gateway.api.ApiException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Each tenant's request rate: a token bucket in Redis (Bucket4j, compare-and-swap), so every
 * gateway replica draws from the same bucket. The bucket's key names its rate and size, so a
 * tenant whose quota changes starts a bucket with the new settings instead of keeping the old one.
 */
public final class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final ProxyManager<byte[]> buckets;

    public RateLimits(UnifiedJedis redis) {
        this.buckets = Bucket4jJedis.casBasedBuilder(redis)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
    }

    /**
     * Takes one request from the caller's bucket. Without Redis the request passes: the stored keys
     * cannot be checked then anyway (503), and the root key must keep working to repair things.
     *
     * @throws ApiException 429 {@code rate_limited} when the bucket is empty
     */
    public void take(Caller caller) {
        Quotas quotas = caller.quotas();
        String key = "farm:rate:" + caller.tenant() + ":" + quotas.requestsPerSecond() + ":" + quotas.burst();
        ConsumptionProbe probe;
        try {
            probe = buckets.builder()
                    .build(key.getBytes(StandardCharsets.UTF_8), () -> BucketConfiguration.builder()
                            .addLimit(limit -> limit.capacity(quotas.burst())
                                    .refillGreedy(quotas.requestsPerSecond(), Duration.ofSeconds(1)))
                            .build())
                    .tryConsumeAndReturnRemaining(1);
        } catch (JedisException e) {
            LOG.debugf("rate limit of tenant %s not checked, Redis unreachable: %s", caller.tenant(), e.getMessage());
            return;
        }
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw ApiException.tooManyRequests("rate_limited", "tenant '" + caller.tenant() + "' is over its rate of "
                    + quotas.requestsPerSecond() + " requests a second (bursts of " + quotas.burst()
                    + "); retry after the Retry-After seconds", wait.plusMillis(999));
        }
    }
}
