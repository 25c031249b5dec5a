package dev.voicefarm.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.retry.Backoff;
import dev.voicefarm.gateway.jobs.JobView;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

    private static final String JOB = "3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11";
    private static final String SECRET = WebhookSigner.newSecret();
    private static final Instant FINISHED = Instant.parse("2026-11-23T10:00:00Z");

    private record Sent(URI url, Map<String, String> headers, byte[] body) {
    }

    private final InMemoryWebhooks store = new InMemoryWebhooks();
    private final List<Sent> sent = new ArrayList<>();
    private final Deque<WebhookSender.Answer> answers = new ArrayDeque<>();
    private final java.util.List<WebhookDelivery.Outcome> counted = new java.util.ArrayList<>();
    private final MutableClock clock = new MutableClock(FINISHED);
    private JobRecord record = new JobRecord(JOB, "acme", JobKind.SYNTHESIS, JobStatus.FAILED, HardwareClass.CPU, 0,
            FINISHED, FINISHED, FINISHED, FINISHED, FINISHED, 1, "worker-7", "no sound", null, "cpu: test", null, null);
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(store,
            id -> id.equals(JOB) && record != null ? Optional.of(new JobView(record, null)) : Optional.empty(),
            tenant -> tenant.equals("acme") ? SECRET : "whsec_wrong",
            (url, headers, body) -> {
                sent.add(new Sent(url, headers, body));
                return answers.isEmpty() ? WebhookSender.Answer.status(200) : answers.pop();
            },
            clock, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60)), 5, outcome -> counted.add(outcome));

    private void finished() {
        store.register(JOB, new Webhook("https://hooks.example.com/vf", "acme"), Duration.ofDays(7));
        store.due.put(JOB, FINISHED);
    }

    /** What a pump does: claim what is due now and attempt it. */
    private void pump() {
        store.claimDue(clock.instant(), Duration.ofSeconds(30), 10).forEach(dispatcher::deliver);
    }

    @Test
    void deliversTheJobAsAUserSeesItSignedWithTheTenantsSecret() throws Exception {
        finished();
        pump();

        assertEquals(1, sent.size());
        Sent delivery = sent.get(0);
        assertEquals(URI.create("https://hooks.example.com/vf"), delivery.url());
        assertEquals("msg_" + JOB, delivery.headers().get("webhook-id"));
        String timestamp = delivery.headers().get("webhook-timestamp");
        assertEquals(Long.toString(FINISHED.getEpochSecond()), timestamp);
        assertEquals(WebhookSigner.sign(SECRET, "msg_" + JOB, Long.parseLong(timestamp), delivery.body()),
                delivery.headers().get("webhook-signature"));
        JsonNode body = new ObjectMapper().readTree(delivery.body());
        assertEquals("job.failed", body.path("type").asText());
        assertEquals("2026-11-23T10:00:00Z", body.path("timestamp").asText());
        assertEquals(JOB, body.path("data").path("id").asText());
        assertEquals("no sound", body.path("data").path("reason").asText());
        assertFalse(body.path("data").has("workerId"), "the worker is the operators' business");

        WebhookDelivery logged = store.deliveries(JOB).get(0);
        assertEquals(new WebhookDelivery(1, FINISHED, WebhookDelivery.Outcome.DELIVERED, 200, null, null), logged);
        assertFalse(store.due.containsKey(JOB), "nothing more is owed");
    }

    @Test
    void retriesAfter5Then10Then20SecondsWithTheSameIdAndAFreshSignature() {
        finished();
        answers.add(WebhookSender.Answer.status(500));
        answers.add(WebhookSender.Answer.failed("SocketTimeoutException: timeout"));
        answers.add(WebhookSender.Answer.status(503));
        pump();
        assertEquals(FINISHED.plusSeconds(5), store.due.get(JOB));
        clock.advance(Duration.ofSeconds(4));
        pump();
        assertEquals(1, sent.size(), "not due before its backoff");
        clock.advance(Duration.ofSeconds(1));
        pump();
        assertEquals(FINISHED.plusSeconds(15), store.due.get(JOB));
        clock.advance(Duration.ofSeconds(10));
        pump();
        assertEquals(FINISHED.plusSeconds(35), store.due.get(JOB));
        clock.advance(Duration.ofSeconds(20));
        pump();

        List<WebhookDelivery> log = store.deliveries(JOB);
        assertEquals(List.of(1, 2, 3, 4), log.stream().map(WebhookDelivery::attempt).toList());
        assertEquals(List.of(WebhookDelivery.Outcome.RETRYING, WebhookDelivery.Outcome.RETRYING,
                WebhookDelivery.Outcome.RETRYING, WebhookDelivery.Outcome.DELIVERED),
                log.stream().map(WebhookDelivery::outcome).toList());
        assertEquals(500, log.get(0).statusCode());
        assertEquals("SocketTimeoutException: timeout", log.get(1).error());
        assertEquals(FINISHED.plusSeconds(15), log.get(1).nextAttemptAt());
        assertTrue(sent.stream().allMatch(s -> s.headers().get("webhook-id").equals("msg_" + JOB)));
        assertEquals(4, sent.stream().map(s -> s.headers().get("webhook-signature")).distinct().count(),
                "each attempt is signed with its own timestamp");
        assertFalse(store.due.containsKey(JOB));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        finished();
        for (int i = 0; i < 5; i++) {
            answers.add(WebhookSender.Answer.status(410));
        }
        for (int i = 0; i < 5; i++) {
            pump();
            clock.advance(Duration.ofMinutes(2));
        }
        pump();
        assertEquals(5, sent.size());
        WebhookDelivery last = store.deliveries(JOB).get(4);
        assertEquals(WebhookDelivery.Outcome.GAVE_UP, last.outcome());
        assertNull(last.nextAttemptAt());
        assertFalse(store.due.containsKey(JOB));
        assertEquals(java.util.List.of(WebhookDelivery.Outcome.RETRYING, WebhookDelivery.Outcome.RETRYING, WebhookDelivery.Outcome.RETRYING,
                WebhookDelivery.Outcome.RETRYING, WebhookDelivery.Outcome.GAVE_UP), counted, "every attempt is counted for the metrics");
    }

    @Test
    void aRedirectIsNotADelivery() {
        finished();
        answers.add(WebhookSender.Answer.status(302));
        pump();
        assertEquals(WebhookDelivery.Outcome.RETRYING, store.deliveries(JOB).get(0).outcome());
    }

    @Test
    void aJobWhoseRecordExpiredIsGivenUpWithoutSending() {
        finished();
        record = null;
        pump();
        assertTrue(sent.isEmpty());
        assertEquals(WebhookDelivery.Outcome.GAVE_UP, store.deliveries(JOB).get(0).outcome());
        assertFalse(store.due.containsKey(JOB));
    }

    @Test
    void aClaimedDeliveryWhoseGatewayDiedIsClaimedAgainAfterItsLease() {
        finished();
        assertEquals(List.of(JOB), store.claimDue(clock.instant(), Duration.ofSeconds(30), 10));
        // ... and this gateway dies before it records anything.
        clock.advance(Duration.ofSeconds(29));
        pump();
        assertTrue(sent.isEmpty(), "another gateway leaves it alone during the lease");
        clock.advance(Duration.ofSeconds(1));
        pump();
        assertEquals(1, sent.size());
        assertEquals(WebhookDelivery.Outcome.DELIVERED, store.deliveries(JOB).get(0).outcome());
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
