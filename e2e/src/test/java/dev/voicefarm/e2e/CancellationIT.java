package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.testing.LocalStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code DELETE /v1/jobs/{id}} on the running farm. */
class CancellationIT {

    private static final Duration DONE_WITHIN = Duration.ofSeconds(30);

    private final FarmClient farm = FarmClient.dev();

    /** The test stack has no amd worker, so a job queued for amd stays QUEUED until it is cancelled. */
    @Test
    void aQueuedJobIsCancelledAndStaysCancelled() throws Exception {
        FarmClient.Reply submitted = farm.postJson("/v1/synthesis",
                "{\"text\": \"Nobody will speak this.\", \"requirements\": {\"classes\": [\"amd\"]}}");
        assertEquals(202, submitted.status(), submitted.json().toString());
        String id = submitted.json().path("id").asText();

        FarmClient.Reply cancelled = farm.delete("/v1/jobs/" + id);

        assertEquals(200, cancelled.status(), cancelled.json().toString());
        assertEquals(id, cancelled.json().path("id").asText());
        assertEquals("CANCELLED", cancelled.json().path("status").asText(), cancelled.json().toString());
        assertEquals("cancelled by the client", cancelled.json().path("reason").asText());
        JsonNode job = farm.get("/v1/jobs/" + id).json();
        assertEquals("CANCELLED", job.path("status").asText(), job.toString());

        FarmClient.Reply again = farm.delete("/v1/jobs/" + id);
        assertEquals(409, again.status());
        assertEquals("already_finished", again.json().path("error").asText());
    }

    @Test
    void aFinishedJobIs409AndKeepsItsOutcome() throws Exception {
        FarmClient.Reply submitted = farm.postJson("/v1/synthesis", "{\"text\": \"Done before the cancel.\"}");
        assertEquals(202, submitted.status(), submitted.json().toString());
        String id = submitted.json().path("id").asText();
        assertEquals("SUCCEEDED", farm.awaitFinished(id, DONE_WITHIN).path("status").asText());

        FarmClient.Reply refused = farm.delete("/v1/jobs/" + id);

        assertEquals(409, refused.status());
        assertEquals("already_finished", refused.json().path("error").asText());
        assertTrue(refused.json().path("message").asText().contains("SUCCEEDED"), refused.json().toString());
        assertEquals("SUCCEEDED", farm.get("/v1/jobs/" + id).json().path("status").asText());
    }

    @Test
    void anUnknownJobIs404() throws Exception {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-job-id"}) {
            FarmClient.Reply reply = farm.delete("/v1/jobs/" + id);
            assertEquals(404, reply.status(), id);
            assertEquals("not_found", reply.json().path("error").asText());
        }
    }
}
