package dev.voicefarm.gateway.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Webhooks, due times and delivery logs in maps, without expiry; {@link #due} is there for tests to read and set. */
public class InMemoryWebhooks implements WebhookStore {

    public final Map<String, Webhook> webhooks = new HashMap<>();
    public final Map<String, Instant> due = new HashMap<>();
    public final Map<String, List<WebhookDelivery>> logs = new HashMap<>();

    @Override
    public synchronized void register(String jobId, Webhook webhook, Duration ttl) {
        webhooks.put(jobId, webhook);
    }

    @Override
    public synchronized Optional<Webhook> find(String jobId) {
        return Optional.ofNullable(webhooks.get(jobId));
    }

    @Override
    public synchronized List<String> claimDue(Instant now, Duration lease, int limit) {
        List<String> claimed = due.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue()).limit(limit).map(Map.Entry::getKey).toList();
        claimed.forEach(id -> due.put(id, now.plus(lease)));
        return claimed;
    }

    @Override
    public synchronized List<WebhookDelivery> deliveries(String jobId) {
        return List.copyOf(logs.getOrDefault(jobId, List.of()));
    }

    @Override
    public synchronized void record(String jobId, WebhookDelivery delivery) {
        logs.computeIfAbsent(jobId, id -> new ArrayList<>()).add(delivery);
        if (delivery.nextAttemptAt() == null) {
            due.remove(jobId);
        } else {
            due.replace(jobId, delivery.nextAttemptAt());
        }
    }
}
