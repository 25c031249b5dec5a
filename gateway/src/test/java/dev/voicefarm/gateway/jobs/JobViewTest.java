package dev.voicefarm.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.gateway.webhooks.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobViewTest {

    /** Configured as quarkus.jackson.* configures the gateway's mapper. */
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void showsTheRecordFlatWithAUrlInsteadOfTheObjectKey() throws Exception {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        JobRecord record = new JobRecord("3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11", "default", JobKind.SYNTHESIS, JobStatus.SUCCEEDED,
                HardwareClass.APPLE_CPU, 0, at, at, at, at, at, 1, "w1", null,
                JobResult.audio("default/jobs/x/audio.wav", 1.5, 22050, 0.2), "apple-cpu: test", null, null);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(
                new JobView(record, new JobView.Result("http://s3/x?sig", "wav", 1.5, 22050, null))));

        assertEquals("3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11", json.path("id").asText());
        assertEquals("synthesis", json.path("kind").asText());
        assertEquals("SUCCEEDED", json.path("status").asText());
        assertEquals("apple-cpu", json.path("hardwareClass").asText());
        assertEquals("2026-11-23T10:00:00Z", json.path("createdAt").asText());
        assertEquals("http://s3/x?sig", json.path("result").path("audioUrl").asText());
        assertFalse(json.path("result").has("audioKey"));
        assertFalse(json.has("job") || json.has("reason"));
    }

    @Test
    void showsTheWebhookAndItsDeliveriesOnlyWhenTheJobHasOne() throws Exception {
        JobRecord record = new JobRecord("id", "default", JobKind.SYNTHESIS, JobStatus.SUCCEEDED, HardwareClass.CPU, 0,
                Instant.EPOCH, null, Instant.EPOCH, Instant.EPOCH, null, 1, "w1", null, null, null, null, null);
        WebhookDelivery failed = new WebhookDelivery(1, Instant.EPOCH, WebhookDelivery.Outcome.RETRYING, 500, null,
                Instant.EPOCH.plusSeconds(5));
        JobView view = new JobView(record, null).withWebhook(new JobView.WebhookStatus("https://h.example/x", List.of(failed)));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(view.withoutWorker()));

        assertEquals("https://h.example/x", json.path("webhook").asText());
        JsonNode delivery = json.path("webhookDeliveries").path(0);
        assertEquals(1, delivery.path("attempt").asInt());
        assertEquals("RETRYING", delivery.path("outcome").asText());
        assertEquals(500, delivery.path("statusCode").asInt());
        assertEquals("1970-01-01T00:00:05Z", delivery.path("nextAttemptAt").asText());
        assertFalse(delivery.has("error"));
        assertFalse(json.has("workerId"));
        JsonNode plain = mapper.readTree(mapper.writeValueAsString(new JobView(record, null)));
        assertFalse(plain.has("webhook") || plain.has("webhookDeliveries"));
    }

    @Test
    void queuedJobHasNoResult() throws Exception {
        JobRecord record = new JobRecord("id", "default", JobKind.SYNTHESIS, JobStatus.QUEUED, HardwareClass.CPU, 0,
                Instant.EPOCH, null, null, Instant.EPOCH, null, 0, null, null, null, null, null, null);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(new JobView(record, null)));
        assertTrue(json.has("status") && !json.has("result") && !json.has("startedAt"));
    }
}
