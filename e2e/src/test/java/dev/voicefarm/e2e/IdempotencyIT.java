package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicefarm.common.testing.LocalStack;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on {@code POST /v1/synthesis} of the running farm. */
class IdempotencyIT {

    private final FarmClient farm = FarmClient.dev();

    private FarmClient.Reply submit(String key, String body) throws Exception {
        return farm.postJson("/v1/synthesis", body, Map.of("Idempotency-Key", key));
    }

    @Test
    void theSameKeyAndBodyTwiceIsOneJob() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"text\": \"Said once, whatever the retries.\"}";

        FarmClient.Reply first = submit(key, body);
        FarmClient.Reply retry = submit(key, body);

        assertEquals(202, first.status(), first.json().toString());
        assertEquals(202, retry.status(), retry.json().toString());
        assertEquals(first.json().path("id").asText(), retry.json().path("id").asText());
        assertEquals(first.header("Location"), retry.header("Location"));
    }

    @Test
    void theSameKeyWithAnotherBodyIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        assertEquals(202, submit(key, "{\"text\": \"The first request.\"}").status());

        FarmClient.Reply reused = submit(key, "{\"text\": \"Another request.\"}");

        assertEquals(409, reused.status());
        assertEquals("idempotency_key_reused", reused.json().path("error").asText());
    }

    @Test
    void aKeyThatIsNotPrintableAsciiIs400() throws Exception {
        FarmClient.Reply reply = submit("k".repeat(256), "{\"text\": \"Hi.\"}");
        assertEquals(400, reply.status());
        assertEquals("invalid_idempotency_key", reply.json().path("error").asText());
    }
}
