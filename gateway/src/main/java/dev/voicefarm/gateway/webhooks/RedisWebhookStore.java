package dev.voicefarm.gateway.webhooks;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link WebhookStore} in Redis: the webhook as JSON under {@link JobStore#webhookKey}, the owed
 * deliveries in the sorted set {@link JobStore#WEBHOOKS_DUE_KEY} scored by when each is due (epoch
 * milliseconds), and each job's attempts as a list of JSON entries under
 * {@code farm:webhook-log:<id>}, kept for the job records' retention.
 */
public final class RedisWebhookStore implements WebhookStore {

    private static final String CLAIM_SCRIPT = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
            return due
            """;
    /** XX: a delivery another gateway finished meanwhile (after this one's lease ran out) stays finished. */
    private static final String RECORD_SCRIPT = """
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
            if ARGV[3] == '' then
              redis.call('ZREM', KEYS[2], ARGV[4])
            else
              redis.call('ZADD', KEYS[2], 'XX', ARGV[3], ARGV[4])
            end
            """;

    private final UnifiedJedis redis;
    private final Duration retention;

    /** @param retention how long a delivery log is kept after its last attempt: as long as job records */
    public RedisWebhookStore(UnifiedJedis redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    @Override
    public void register(String jobId, Webhook webhook, Duration ttl) {
        redis.setex(JobStore.webhookKey(jobId), Math.max(1, ttl.toSeconds()), Json.encode(webhook));
    }

    @Override
    public Optional<Webhook> find(String jobId) {
        return Optional.ofNullable(redis.get(JobStore.webhookKey(jobId))).map(json -> Json.decode(json, Webhook.class));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> claimDue(Instant now, Duration lease, int limit) {
        Object due = redis.eval(CLAIM_SCRIPT, List.of(JobStore.WEBHOOKS_DUE_KEY), List.of(
                Long.toString(now.toEpochMilli()), Long.toString(now.plus(lease).toEpochMilli()), Integer.toString(limit)));
        return (List<String>) due;
    }

    @Override
    public List<WebhookDelivery> deliveries(String jobId) {
        return redis.lrange(logKey(jobId), 0, -1).stream().map(json -> Json.decode(json, WebhookDelivery.class)).toList();
    }

    @Override
    public void record(String jobId, WebhookDelivery delivery) {
        String next = delivery.nextAttemptAt() == null ? "" : Long.toString(delivery.nextAttemptAt().toEpochMilli());
        redis.eval(RECORD_SCRIPT, List.of(logKey(jobId), JobStore.WEBHOOKS_DUE_KEY),
                List.of(Json.encode(delivery), Long.toString(Math.max(1, retention.toSeconds())), next, jobId));
    }

    private static String logKey(String jobId) {
        return "farm:webhook-log:" + jobId;
    }
}
