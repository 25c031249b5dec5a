package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.audio.quality.Cepstra;
import dev.voicefarm.common.audio.quality.PitchTracker;
import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.testing.MultipartForm;
import dev.voicefarm.common.voices.GptSovitsVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GPT-SoVITS voices on the running farm: imported through {@code POST /v1/voices}, spoken by the
 * test stack's {@code +gpt-sovits} worker through the api_v2 processes it supervises. No GPT-SoVITS
 * install can exist here: those processes are the STAND-IN of deploy/gpt-sovits-standin (api_v2's
 * contract, eSpeak NG speech pitched by the loaded SoVITS weights), so what this proves is the farm's
 * side: routing by family, the weights path from S3 to the process, one voice per process, the
 * restart of a crashed process.
 */
class GptSovitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** eSpeak NG pitches of the two voices' stand-in weights: far apart, so their F0 tells them apart. */
    private static final int LOW = 10;
    private static final int HIGH = 95;

    private static TestTenants.TestTenant tenant;
    private static String low;
    private static String high;

    @BeforeAll
    static void importTwoVoices() throws Exception {
        tenant = TestTenants.create("gpt-sovits", null);
        low = importVoice("Low speaker", LOW);
        high = importVoice("High speaker", HIGH);
    }

    private static String importVoice(String name, int pitch) throws Exception {
        MultipartForm form = new MultipartForm().field("name", name).field("modelVersion", "v2")
                .field("promptText", "This is how I sound.").field("promptLanguage", "en")
                .file("gpt", name + ".ckpt", GptSovitsWeights.gpt(name))
                .file("sovits", name + ".pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, name, pitch))
                .file("reference", "reference.wav", GptSovitsWeights.reference(4));
        FarmClient.Reply created = tenant.client().post("/v1/voices", form.contentType(), form.bytes());
        assertEquals(201, created.status(), created.text());
        return created.json().path("id").asText();
    }

    @Test
    void anImportedVoiceSpeaksThroughTheWorkerThatRunsGptSovits() throws Exception {
        JsonNode done = speak(low, "Hello from an imported voice. It speaks two sentences.");
        assertEquals("cpu", done.path("hardwareClass").asText(), done.toString());
        String worker = gptSovitsWorker();
        assertTrue(done.path("routing").asText().contains("worker " + worker), done.path("routing").asText());
        Wav wav = audio(done);
        assertEquals(GptSovitsVersion.V2.sampleRate(), wav.sampleRate());
        assertTrue(wav.durationSeconds() > 1, "duration " + wav.durationSeconds());
        assertTrue(wav.rms() > 0.01, "silence: rms " + wav.rms());

        // By its name through OpenAI's speech API, the same voice.
        FarmClient.Reply speech = tenant.client().postJson("/v1/audio/speech", "{\"model\": \"tts-1\", \"voice\": "
                + "\"Low speaker\", \"response_format\": \"wav\", \"input\": \"And through the speech API.\"}");
        assertEquals(200, speech.status(), speech.text());
        assertEquals(GptSovitsVersion.V2.sampleRate(), Wav.parse(speech.response().body()).sampleRate());
    }

    @Test
    void concurrentJobsForTwoVoicesNeverMixThem() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> voices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String voice = i % 2 == 0 ? low : high;
            FarmClient.Reply queued = tenant.client().postJson("/v1/synthesis", JSON.writeValueAsString(Map.of(
                    "text", "Sentence " + i + " in one voice, never in the other.", "voice", voice)));
            assertEquals(202, queued.status(), queued.text());
            ids.add(queued.json().path("id").asText());
            voices.add(voice);
        }
        double lowestHigh = Double.MAX_VALUE;
        double highestLow = 0;
        for (int i = 0; i < ids.size(); i++) {
            JsonNode done = tenant.client().awaitFinished(ids.get(i), Duration.ofSeconds(90));
            assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
            Wav wav = audio(done);
            double hz = Math.exp(PitchTracker.meanLogF0(PitchTracker.f0(wav, Cepstra.of(wav).speech())));
            if (voices.get(i).equals(low)) {
                highestLow = Math.max(highestLow, hz);
            } else {
                lowestHigh = Math.min(lowestHigh, hz);
            }
        }
        // Every job of the low voice is lower than every job of the high one: no job spoke in the other's weights.
        assertTrue(highestLow < lowestHigh, "low voice up to " + highestLow + " Hz, high voice from " + lowestHigh + " Hz");
    }

    @Test
    void aProcessThatCrashesMidJobIsRestartedAndTheJobSucceeds() throws Exception {
        String text = "This sentence crashes its process once [[crash-once]] " + UUID.randomUUID() + ". The next one is spoken.";
        JsonNode done = speak(high, text);
        assertEquals(1, done.path("attempts").asInt(), "retried inside its attempt: " + done);
        assertTrue(audio(done).durationSeconds() > 1);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(6); // a heartbeat or two
        while (restarts() == 0 && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertTrue(restarts() >= 1, "the worker reports no restarted api_v2 process");
    }

    private static JsonNode speak(String voice, String text) throws Exception {
        FarmClient.Reply queued = tenant.client().postJson("/v1/synthesis",
                JSON.writeValueAsString(Map.of("text", text, "voice", voice)));
        assertEquals(202, queued.status(), queued.text());
        JsonNode done = tenant.client().awaitFinished(queued.json().path("id").asText(), Duration.ofSeconds(90));
        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
        return done;
    }

    private static Wav audio(JsonNode job) throws Exception {
        FarmClient.Reply redirect = tenant.client().get("/v1/jobs/" + job.path("id").asText() + "/audio");
        assertEquals(303, redirect.status(), redirect.text());
        return Wav.parse(tenant.client().get(redirect.header("Location")).response().body());
    }

    /** The worker whose heartbeat lists the gpt-sovits engine. */
    private static String gptSovitsWorker() throws Exception {
        for (JsonNode worker : FarmClient.admin().get("/v1/fleet").json().path("workers")) {
            if (worker.path("engines").toString().contains("\"gpt-sovits\"")) {
                return worker.path("workerId").asText();
            }
        }
        throw new AssertionError("no worker of the test stack runs gpt-sovits");
    }

    private static int restarts() throws Exception {
        int restarts = 0;
        for (JsonNode worker : FarmClient.admin().get("/v1/fleet").json().path("workers")) {
            for (JsonNode engine : worker.path("engines")) {
                for (JsonNode process : engine.path("processes")) {
                    restarts += process.path("restarts").asInt();
                }
            }
        }
        return restarts;
    }
}
