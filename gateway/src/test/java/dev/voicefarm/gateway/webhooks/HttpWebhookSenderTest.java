package dev.voicefarm.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a JDK HTTP server on this machine's loopback, which only an allow-list opens. */
class HttpWebhookSenderTest {

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ok");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private HttpWebhookSender sender(Optional<List<String>> allowed) {
        return new HttpWebhookSender(new AddressPolicy(allowed), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void postsTheBodyWithItsHeadersToAnAllowedAddress() {
        WebhookSender.Answer answer = sender(Optional.of(List.of("127.0.0.0/8"))).send(URI.create(base + "/ok"),
                Map.of("webhook-id", "msg_1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(WebhookSender.Answer.status(204), answer);
        assertEquals(List.of("msg_1 {\"a\":1}"), received);
    }

    @Test
    void neverConnectsToARefusedAddress() {
        WebhookSender.Answer answer = sender(Optional.empty()).send(URI.create(base + "/ok"), Map.of(), new byte[0]);
        assertNull(answer.statusCode());
        assertTrue(answer.error().contains("127.0.0.1, a loopback address"), answer.error());
        assertTrue(received.isEmpty());
    }

    @Test
    void doesNotFollowRedirects() {
        WebhookSender.Answer answer = sender(Optional.of(List.of("127.0.0.0/8"))).send(URI.create(base + "/moved"),
                Map.of(), new byte[0]);
        assertEquals(WebhookSender.Answer.status(307), answer);
        assertTrue(received.isEmpty());
    }

    @Test
    void aSlowReceiverTimesOut() {
        WebhookSender.Answer answer = sender(Optional.of(List.of("127.0.0.0/8"))).send(URI.create(base + "/slow"),
                Map.of(), new byte[0]);
        assertNull(answer.statusCode());
        assertTrue(answer.error().contains("timeout") || answer.error().contains("Timeout"), answer.error());
    }
}
