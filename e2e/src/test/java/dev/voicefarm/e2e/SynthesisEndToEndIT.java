package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.testing.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.RedisClient;

/**
 * The whole path on the running farm: gateway → Kafka → worker → S3 → events → scheduler → Redis
 * → gateway, with every service real and reached over the network.
 */
class SynthesisEndToEndIT {

    private static final Duration DONE_WITHIN = Duration.ofSeconds(30);

    private final FarmClient farm = FarmClient.dev();

    @Test
    void submittedSentenceComesBackAsRealSpeech() throws Exception {
        FarmClient.Reply submitted = farm.postJson("/v1/synthesis",
                "{\"text\": \"VoiceFarm turns this sentence into speech.\", \"language\": \"en\", \"voice\": null}");
        assertEquals(202, submitted.status());
        JsonNode queued = submitted.json();
        String id = queued.path("id").asText();
        assertTrue(submitted.header("Location").endsWith("/v1/jobs/" + id), submitted.header("Location"));
        assertEquals("QUEUED", queued.path("status").asText());
        assertEquals("synthesis", queued.path("kind").asText());
        assertFalse(queued.path("hardwareClass").asText().isEmpty());
        assertFalse(queued.path("routing").asText().isEmpty());
        assertFalse(queued.path("createdAt").asText().isEmpty());

        JsonNode job = farm.awaitFinished(id, DONE_WITHIN);
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        assertEquals(1, job.path("attempts").asInt());
        assertFalse(job.has("workerId"), "which worker ran a job is for admin keys: " + job);
        assertNotNull(job.get("startedAt"));
        assertNotNull(job.get("finishedAt"));

        String audioUrl = job.path("result").path("audioUrl").asText();
        double durationSeconds = job.path("result").path("durationSeconds").asDouble();
        FarmClient.Reply download = farm.get(audioUrl);
        assertEquals(200, download.status());
        byte[] bytes = download.response().body();
        assertEquals("RIFF", new String(bytes, 0, 4));
        assertEquals("WAVE", new String(bytes, 8, 4));
        Wav wav = Wav.parse(bytes);
        assertEquals(durationSeconds, wav.durationSeconds(), 0.001);
        assertTrue(durationSeconds > 1.5 && durationSeconds < 10, "duration " + durationSeconds);
        assertTrue(wav.rms() > 0.01, "the audio is silence: rms " + wav.rms());

        FarmClient.Reply redirect = farm.get("/v1/jobs/" + id + "/audio");
        assertEquals(303, redirect.status());
        assertArrayEquals(bytes, farm.get(redirect.header("Location")).response().body());
    }

    @Test
    void manyJobsAllSucceed() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            FarmClient.Reply reply = farm.postJson("/v1/synthesis", "{\"text\": \"Job number " + i + ".\"}");
            assertEquals(202, reply.status());
            ids.add(reply.json().path("id").asText());
        }
        for (String id : ids) {
            assertEquals("SUCCEEDED", farm.awaitFinished(id, DONE_WITHIN).path("status").asText(), id);
        }
    }

    @Test
    void textWithoutSpeechEndsFailedWithItsReason() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis", "{\"text\": \"   ...   \"}");
        assertEquals(202, reply.status());
        JsonNode job = farm.awaitFinished(reply.json().path("id").asText(), DONE_WITHIN);
        assertEquals("FAILED", job.path("status").asText(), job.toString());
        assertFalse(job.path("reason").asText().isEmpty());
        FarmClient.Reply audio = farm.get("/v1/jobs/" + job.path("id").asText() + "/audio");
        assertEquals(409, audio.status());
        assertTrue(audio.json().path("message").asText().contains("failed"));
    }

    @Test
    void audioOfAJobNotDoneYetIs409() throws Exception {
        SynthesisJob notStarted = new SynthesisJob(UUID.randomUUID().toString(), FarmClient.DEV_TENANT, HardwareClass.NVIDIA, 0,
                Instant.now(), "never published", "en", null, "test", AudioOutput.DEFAULT, null, null);
        try (RedisClient redis = LocalStack.redis().open()) {
            new JobStore(redis).apply(JobEvent.queued(notStarted));
        }
        FarmClient.Reply audio = farm.get("/v1/jobs/" + notStarted.jobId() + "/audio");
        assertEquals(409, audio.status());
        assertEquals("not_ready", audio.json().path("error").asText());
        assertEquals("QUEUED", farm.get("/v1/jobs/" + notStarted.jobId()).json().path("status").asText());
    }

    @Test
    void unknownJobIs404() throws Exception {
        for (String path : List.of("/v1/jobs/" + UUID.randomUUID(), "/v1/jobs/" + UUID.randomUUID() + "/audio",
                "/v1/jobs/not-a-job-id")) {
            FarmClient.Reply reply = farm.get(path);
            assertEquals(404, reply.status(), path);
            assertEquals("not_found", reply.json().path("error").asText());
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "''                                          | malformed_json",
            "'{\"text\": \"hi\"'                          | malformed_json",
            "'[1, 2]'                                    | invalid_request",
            "'{\"language\": \"en\"}'                    | missing_field",
            "'{\"text\": \"  \"}'                        | empty_text",
            "'{\"text\": 42}'                            | wrong_type",
            "'{\"text\": \"hi\", \"language\": false}'   | wrong_type",
            "'{\"text\": \"hi\", \"language\": \"tlh\"}' | unsupported_language",
            "'{\"text\": \"hi\", \"voice\": \"nobody\"}' | unknown_voice",
            "'{\"text\": \"hi\", \"pitch\": 3}'          | unknown_field",
    })
    void badRequestGets400WithItsReason(String body, String code) throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis", body);
        assertEquals(400, reply.status());
        assertEquals(code, reply.json().path("error").asText());
        assertFalse(reply.json().path("message").asText().isBlank());
    }

    @Test
    void tooLongTextGets400() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis", "{\"text\": \"" + "la ".repeat(1400) + "\"}");
        assertEquals(400, reply.status());
        assertEquals("text_too_long", reply.json().path("error").asText());
    }
}
