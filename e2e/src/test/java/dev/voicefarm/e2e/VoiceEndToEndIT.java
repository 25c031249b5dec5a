package dev.voicefarm.e2e;

import java.util.List;

import dev.voicefarm.common.testing.Ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.audio.quality.Mcd;
import dev.voicefarm.common.testing.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice fine-tuning through the public API of the running farm: a dataset made by the project's
 * own command (deploy/voices/make-dataset.sh: a different eSpeak NG speaker) is uploaded, a voice
 * trained on it (real DJL training, progress reported per epoch), listed, and used for synthesis;
 * the audio that comes back is measurably closer to the speaker than the base voice.
 */
class VoiceEndToEndIT {

    private final FarmClient farm = FarmClient.dev();

    @TempDir
    Path dir;

    private JsonNode uploadGeneratedDataset() throws Exception {
        return GeneratedDataset.upload(farm, dir);
    }

    @Test
    void trainedVoiceSpeaksCloserToItsSpeakerThanTheBaseVoice() throws Exception {
        JsonNode dataset = uploadGeneratedDataset();
        assertTrue(dataset.path("clips").asInt() >= 10, dataset.toString());

        FarmClient.Reply submitted = farm.postJson("/v1/trainings", "{\"datasetId\": \"" + dataset.path("id").asText()
                + "\", \"name\": \"End-to-end narrator\", \"language\": \"en\", \"epochs\": 40}");
        assertEquals(202, submitted.status(), submitted.json().toString());
        String jobId = submitted.json().path("id").asText();
        assertEquals("training", submitted.json().path("kind").asText());

        boolean sawProgress = false;
        JsonNode job;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        do {
            job = farm.get("/v1/jobs/" + jobId).json();
            sawProgress |= job.path("progress").path("epoch").asInt() > 0;
            Thread.sleep(100);
        } while (!job.path("status").asText().matches("SUCCEEDED|FAILED") && Instant.now().isBefore(deadline));
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        assertTrue(sawProgress || job.path("progress").path("epoch").asInt() == 40, job.toString());

        List<JsonNode> events = LiveJobIT.events(jobId, null);
        List<JsonNode> progress = events.stream().filter(e -> e.path("_event").asText().equals("progress")).toList();
        assertTrue(progress.size() >= 10, "an event per epoch: " + progress.size());
        assertEquals(40, progress.get(progress.size() - 1).path("progress").path("epochs").asInt());
        assertEquals(100.0, progress.get(progress.size() - 1).path("percent").asDouble(), 1e-9,
                progress.get(progress.size() - 1).toString());
        assertEquals("SUCCEEDED", events.get(events.size() - 1).path("status").asText());

        JsonNode voice = job.path("result").path("voice");
        String voiceId = voice.path("id").asText();
        assertNeverClipsAtTheTargetLoudness(voiceId);
        JsonNode metrics = voice.path("metrics");
        assertTrue(metrics.path("mcdAfterDb").asDouble() < metrics.path("mcdBeforeDb").asDouble(), metrics.toString());
        assertEquals("End-to-end narrator", farm.get("/v1/voices/" + voiceId).json().path("name").asText());
        assertTrue(farm.get("/v1/voices").json().path("voices").toString().contains(voiceId));
        FarmClient stranger = TestTenants.create("voice-b", null).client();
        assertEquals(404, stranger.get("/v1/voices/" + voiceId).status(), "another tenant's voice");
        assertFalse(stranger.get("/v1/voices").json().path("voices").toString().contains(voiceId));
        FarmClient.Reply borrowed = stranger.postJson("/v1/synthesis", "{\"text\": \"Hi\", \"voice\": \"" + voiceId + "\"}");
        assertEquals(400, borrowed.status(), borrowed.text());
        assertEquals("unknown_voice", borrowed.json().path("error").asText());

        Path heldOut = dir.resolve("held-out");
        String text = Files.readString(heldOut.resolve("1.txt")).strip();
        Wav target = Wav.parse(Files.readAllBytes(heldOut.resolve("1.wav")));
        Wav inVoice = speak(text, "\"" + voiceId + "\"");
        Wav base = speak(text, "null");
        double before = Mcd.between(base, target);
        double after = Mcd.between(inVoice, target);
        assertTrue(after < before - 1, "MCD to the speaker: base voice " + before + " dB, trained voice " + after + " dB");
    }

    /**
     * A trained voice through OpenAI's speech API, by its name: the loudness normalisation brings it
     * to the target with no sample at full scale (before, a trained voice reached full scale on
     * 3.4 % of its samples).
     */
    private void assertNeverClipsAtTheTargetLoudness(String voiceId) throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/audio/speech", "{\"model\": \"tts-1\", \"voice\": \"End-to-end narrator\","
                + " \"response_format\": \"wav\", \"input\": \"The trained voice speaks these two sentences. Loud, but never clipped.\"}");
        assertEquals(200, reply.status(), reply.text());
        Wav wav = Wav.parse(reply.response().body());
        java.nio.ByteBuffer pcm = java.nio.ByteBuffer.wrap(wav.pcm()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int fullScale = 0;
        while (pcm.remaining() >= 2) {
            int sample = Math.abs(pcm.getShort());
            fullScale += sample >= 32767 ? 1 : 0;
        }
        assertEquals(0, fullScale, "samples at full scale in voice " + voiceId);
        assertEquals(-16, Ffmpeg.loudness(wav), 1.5);
        assertTrue(Ffmpeg.truePeak(wav) < -0.5, "true peak " + Ffmpeg.truePeak(wav));
    }

    @Test
    void trainingOnAnUnknownDatasetIs400() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/trainings",
                "{\"datasetId\": \"" + UUID.randomUUID() + "\", \"name\": \"nobody\"}");
        assertEquals(400, reply.status());
        assertEquals("unknown_dataset", reply.json().path("error").asText());
    }

    @Test
    void synthesisInAnUnknownVoiceIs400() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis", "{\"text\": \"Hi\", \"voice\": \"" + UUID.randomUUID() + "\"}");
        assertEquals(400, reply.status());
        assertEquals("unknown_voice", reply.json().path("error").asText());
    }

    private Wav speak(String text, String voice) throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                "{\"text\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text)
                        + ", \"voice\": " + voice + "}");
        assertEquals(202, reply.status(), reply.json().toString());
        JsonNode done = farm.awaitFinished(reply.json().path("id").asText(), Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
        return Wav.parse(farm.get(done.path("result").path("audioUrl").asText()).response().body());
    }
}
