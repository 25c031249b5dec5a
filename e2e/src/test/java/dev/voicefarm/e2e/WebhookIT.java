package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.testing.LocalStack;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.RedisClient;

/**
 * Webhooks from the real farm to a receiver in this test, a JDK HTTP server on 127.0.0.1 (the test
 * stack allow-lists 127.0.0.0/8: FARM_GATEWAY_WEBHOOKS_ALLOWED_NETWORKS in ./farm test). The
 * receiver verifies every delivery's signature as a customer would, with the secret from
 * {@code GET /v1/webhook-secret}. Runs after the other end-to-end tests but the fault tests: it
 * stops and starts the gateway.
 */
@Order(Integer.MAX_VALUE - 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIT {

    private static final Duration DONE_WITHIN = Duration.ofMinutes(2);
    /** First attempt at once, then 5 s and 10 s of backoff, plus the dispatcher's 1 s poll. */
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the receiver got, and what it answered. */
    record Received(String id, String timestamp, String signature, byte[] body, int answered) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** Answers 500 to this many requests, then 200; a negative value answers 500 to all. */
    private static final AtomicInteger failures = new AtomicInteger();
    private static String url;
    private static String secret;

    private final FarmClient farm = FarmClient.dev();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failures.getAndUpdate(left -> left > 0 ? left - 1 : left) != 0 ? 500 : 200;
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        secret = FarmClient.dev().get("/v1/webhook-secret").json().path("secret").asText();
        assertTrue(secret.startsWith("whsec_"), secret);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    @Order(1)
    void refusesWebhooksToInternalAddressesTheOperatorDidNotAllow() throws Exception {
        for (String internal : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook",
                "http://[fe80::1]/hook", "http://100.64.0.1/hook")) {
            FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                    "{\"text\": \"Never sent.\", \"webhook\": \"" + internal + "\"}");
            assertEquals(400, reply.status(), internal + ": " + reply.text());
            assertEquals("invalid_webhook", reply.json().path("error").asText(), reply.text());
        }
        FarmClient.Reply syntax = farm.postJson("/v1/synthesis", "{\"text\": \"Hi\", \"webhook\": \"ftp://example.com/\"}");
        assertEquals("invalid_webhook", syntax.json().path("error").asText(), syntax.text());
    }

    @Test
    @Order(2)
    void deliversASignedEventAndRetriesWithBackoffUntilTheReceiverTakesIt() throws Exception {
        failures.set(2);
        String id = submit("Webhooks retry.");
        assertEquals("SUCCEEDED", farm.awaitFinished(id, DONE_WITHIN).path("status").asText());
        List<Received> deliveries = awaitDelivered(id, DELIVERED_WITHIN);

        assertEquals(List.of(500, 500, 200), deliveries.stream().map(Received::answered).toList());
        for (Received delivery : deliveries) {
            assertTrue(verified(delivery), "signature of " + delivery);
            assertEquals("msg_" + id, delivery.id(), "the same id on every attempt");
        }
        JsonNode event = deliveries.get(2).json();
        assertEquals("job.succeeded", event.path("type").asText());
        assertEquals(id, event.path("data").path("id").asText());
        assertTrue(event.path("data").path("result").path("audioUrl").asText().startsWith("http"), event.toString());
        assertTrue(!event.path("data").has("workerId") && !event.path("data").has("webhook"), event.toString());

        JsonNode job = awaitLog(id, log -> log.size() == 3);
        assertEquals(url, job.path("webhook").asText());
        JsonNode log = job.path("webhookDeliveries");
        assertEquals("RETRYING RETRYING DELIVERED", outcomes(log));
        assertEquals(500, log.path(0).path("statusCode").asInt());
        assertEquals(200, log.path(2).path("statusCode").asInt());
        assertTrue(gap(log.path(0)).compareTo(Duration.ofMillis(4500)) >= 0, "first backoff about 5 s: " + log);
        assertTrue(gap(log.path(1)).compareTo(Duration.ofMillis(9500)) >= 0, "second backoff about 10 s: " + log);
    }

    /**
     * At least once across a gateway restart: the receiver fails while the job finishes, the gateway
     * stops with the delivery owed, the receiver recovers, and a new gateway delivers it.
     */
    @Test
    @Order(3)
    void aDeliveryOwedWhenTheGatewayStopsArrivesAfterItStartsAgain() throws Exception {
        failures.set(-1);
        String id = submit("Webhooks survive a restart.");
        assertEquals("SUCCEEDED", farm.awaitFinished(id, DONE_WITHIN).path("status").asText());
        awaitLog(id, log -> log.size() >= 1);
        TestStack.stop("gateway");
        failures.set(0);
        TestStack.up();

        List<Received> deliveries = awaitDelivered(id, DELIVERED_WITHIN);
        assertTrue(deliveries.size() >= 2, "failed before the restart, delivered after it: " + deliveries);
        assertTrue(deliveries.stream().allMatch(WebhookIT::verified));
        assertTrue(outcomes(awaitLog(id, log -> log.size() >= 2).path("webhookDeliveries")).endsWith("DELIVERED"));
    }

    /**
     * The job finishes while no gateway runs at all: the finish itself (in Redis) makes the delivery
     * owed. A short job may finish before the stopping gateway is gone; the receiver refuses until
     * then, so a delivery made in that moment fails and is owed again, as it would be after a crash.
     */
    @Test
    @Order(4)
    void aJobThatFinishesWhileTheGatewayIsDownIsDeliveredWhenItIsBack() throws Exception {
        failures.set(-1);
        String id = submit("Finished while nobody listened.");
        TestStack.stop("gateway");
        failures.set(0);
        try (RedisClient redis = LocalStack.redis().open()) {
            JobStore jobs = new JobStore(redis);
            Instant deadline = Instant.now().plus(DONE_WITHIN);
            while (!jobs.find(id).map(JobRecord::status).map(s -> s.isTerminal()).orElse(false)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertTrue(redis.zscore(JobStore.WEBHOOKS_DUE_KEY, id) != null, "owed while no gateway runs");
        } finally {
            TestStack.up();
        }
        List<Received> deliveries = awaitDelivered(id, DELIVERED_WITHIN);
        assertEquals(200, deliveries.get(deliveries.size() - 1).answered(), "delivered once a gateway is back: " + deliveries);
    }

    private String submit(String text) throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                "{\"text\": \"" + text + "\", \"webhook\": \"" + url + "\"}");
        assertEquals(202, reply.status(), reply.text());
        return reply.json().path("id").asText();
    }

    /** The job's deliveries up to the first the receiver took. */
    private static List<Received> awaitDelivered(String jobId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Received> mine = received.stream().filter(r -> ("msg_" + jobId).equals(r.id())).toList();
            Optional<Received> taken = mine.stream().filter(r -> r.answered() == 200).findFirst();
            if (taken.isPresent()) {
                return mine.subList(0, mine.indexOf(taken.get()) + 1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no delivery of job " + jobId + " taken within " + timeout + "; received: " + received);
    }

    /** The job as the API shows it once its delivery log matches (it is written just after the receiver answers). */
    private JsonNode awaitLog(String jobId, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(DELIVERED_WITHIN);
        JsonNode job;
        do {
            job = farm.get("/v1/jobs/" + jobId).json();
            if (done.test(job.path("webhookDeliveries"))) {
                return job;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("delivery log of job " + jobId + " never matched: " + job);
    }

    /** What a receiver does with the secret: recompute, compare in constant time, check the timestamp is recent. */
    private static boolean verified(Received delivery) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((delivery.id() + "." + delivery.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(delivery.body());
            boolean recent = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp())) < 300;
            for (String signature : delivery.signature().split(" ")) {
                if (signature.startsWith("v1,") && java.security.MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return recent;
                }
            }
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String outcomes(JsonNode log) {
        StringBuilder words = new StringBuilder();
        log.forEach(entry -> words.append(words.isEmpty() ? "" : " ").append(entry.path("outcome").asText()));
        return words.toString();
    }

    private static Duration gap(JsonNode entry) {
        return Duration.between(Instant.parse(entry.path("at").asText()), Instant.parse(entry.path("nextAttemptAt").asText()));
    }
}
