package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.speech.SpeechModel;
import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.testing.Ffmpeg;
import dev.voicefarm.common.testing.LocalStack;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official OpenAI Java SDK pointed at the gateway: {@code POST /v1/audio/speech} answers it in
 * every format, with audio that FFmpeg decodes to the right length and loudness, and its errors
 * are the ones the SDK understands.
 */
class OpenAiSpeechIT {

    private static final String TEXT = "Hello from VoiceFarm. This answer came from the farm, sentence by sentence.";
    private static final Map<String, Double> SECONDS = new HashMap<>();
    private static OpenAIClient openai;

    @BeforeAll
    static void client() {
        openai = sdk(LocalStack.apiKey());
    }

    private static OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(LocalStack.gatewayUrl() + "/v1").maxRetries(0).build();
    }

    private static byte[] speech(SpeechCreateParams params) throws IOException {
        try (HttpResponse response = openai.audio().speech().create(params)) {
            assertEquals(200, response.statusCode());
            return response.body().readAllBytes();
        }
    }

    private static SpeechCreateParams.Builder params(String format) {
        return SpeechCreateParams.builder().model(SpeechModel.TTS_1).input(TEXT).voice(SpeechCreateParams.Voice.ALLOY)
                .responseFormat(SpeechCreateParams.ResponseFormat.of(format));
    }

    private static Wav decoded(String format, byte[] audio) throws Exception {
        return format.equals("pcm") ? new Wav(AudioFormat.FIXED_RATE, 1, 16, audio) : Ffmpeg.decode(audio, 24_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wav", "mp3", "opus", "aac", "flac", "pcm"})
    void everyFormatIsRealSpeechAtTheTargetLoudness(String format) throws Exception {
        Wav audio = decoded(format, speech(params(format).build()));

        assertTrue(audio.durationSeconds() > 3, format + ": " + audio.durationSeconds() + " s");
        assertEquals(-16, Ffmpeg.loudness(audio), 1.5, format);
        assertTrue(Ffmpeg.truePeak(audio) < -0.5, format + " true peak " + Ffmpeg.truePeak(audio) + " dBTP");
        synchronized (SECONDS) {
            SECONDS.put(format, audio.durationSeconds());
            Double wav = SECONDS.get("wav");
            if (wav != null) {
                // The same job in every format: lossy encoders add at most some tens of milliseconds.
                assertEquals(wav, audio.durationSeconds(), 0.1, format + " against wav");
            }
        }
    }

    @Test
    void mp3IsTheDefaultFormatAndSaysSo() throws Exception {
        try (HttpResponse response = openai.audio().speech().create(SpeechCreateParams.builder().model("gpt-4o-mini-tts")
                .input("Default format.").voice("nova").instructions("Speak cheerfully.").build())) {
            assertEquals("audio/mpeg", response.headers().values("Content-Type").get(0));
            assertTrue(Ffmpeg.decode(response.body().readAllBytes(), 24_000).durationSeconds() > 0.5);
        }
    }

    @Test
    void speedChangesTheTempo() throws Exception {
        double normal = decoded("wav", speech(params("wav").build())).durationSeconds();
        double fast = decoded("wav", speech(params("wav").speed(2.0).build())).durationSeconds();
        assertEquals(normal / 2, fast, 0.15);
    }

    @Test
    void sseStreamSendsBase64AudioDeltasThenDone() throws Exception {
        FarmClient.Reply reply = FarmClient.dev().postJson("/v1/audio/speech",
                "{\"model\":\"tts-1\",\"input\":\"" + TEXT + "\",\"voice\":\"alloy\",\"response_format\":\"pcm\","
                        + "\"stream_format\":\"sse\"}");
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("text/event-stream"));
        ObjectMapper json = new ObjectMapper();
        java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
        List<String> types = new java.util.ArrayList<>();
        for (String line : reply.text().split("\n")) {
            if (line.startsWith("data: ")) {
                JsonNode event = json.readTree(line.substring(6));
                types.add(event.path("type").asText());
                if (event.has("audio")) {
                    pcm.writeBytes(Base64.getDecoder().decode(event.path("audio").asText()));
                }
            }
        }
        assertTrue(types.size() >= 3, "one delta per sentence and a done: " + types);
        assertEquals("speech.audio.done", types.get(types.size() - 1));
        assertTrue(types.subList(0, types.size() - 1).stream().allMatch("speech.audio.delta"::equals));
        assertTrue(new Wav(AudioFormat.FIXED_RATE, 1, 16, pcm.toByteArray()).durationSeconds() > 3);
    }

    @Test
    void errorsHaveOpenAisShapeAndTheSdkReadsThem() {
        BadRequestException voice = assertThrows(BadRequestException.class,
                () -> speech(params("mp3").voice("no-such-voice").build()));
        assertEquals("unknown_voice", voice.code().orElseThrow());
        assertEquals("voice", voice.param().orElseThrow());
        assertEquals("invalid_request_error", voice.type().orElseThrow());

        BadRequestException model = assertThrows(BadRequestException.class,
                () -> speech(params("mp3").model("tts-9").build()));
        assertEquals("model_not_found", model.code().orElseThrow());

        BadRequestException speed = assertThrows(BadRequestException.class, () -> speech(params("mp3").speed(5.0).build()));
        assertEquals("speed", speed.param().orElseThrow());

        OpenAIServiceException tooLong = assertThrows(OpenAIServiceException.class,
                () -> speech(params("mp3").input("a".repeat(4097)).build()));
        assertEquals(400, tooLong.statusCode());
        assertEquals("text_too_long", tooLong.code().orElseThrow());

        UnauthorizedException key = assertThrows(UnauthorizedException.class, () -> {
            try (HttpResponse ignored = sdk("vf_aaaaaaaaaaaa_" + "b".repeat(43)).audio().speech().create(params("mp3").build())) {
                return;
            }
        });
        assertEquals("invalid_api_key", key.code().orElseThrow());
    }

    @Test
    void overTheRateLimitIsTheSdksRateLimitExceptionWithRetryAfter() throws Exception {
        TestTenants.TestTenant slow = TestTenants.create("speech-rate", "{\"requestsPerSecond\": 1, \"burst\": 1}");
        OpenAIClient limited = sdk(slow.client().apiKey());
        RateLimitException limit = assertThrows(RateLimitException.class, () -> {
            for (int i = 0; i < 5; i++) {
                try (HttpResponse response = limited.audio().speech().create(params("pcm").input("Hi.").build())) {
                    response.body().readAllBytes();
                }
            }
        });
        assertEquals("rate_limited", limit.code().orElseThrow());
        assertTrue(limit.headers().values("Retry-After").size() == 1, "Retry-After");
    }

    @Test
    void unknownFieldAndNonJsonBodiesAreRefusedInOpenAisShape() throws Exception {
        FarmClient.Reply reply = FarmClient.dev().postJson("/v1/audio/speech",
                "{\"model\":\"tts-1\",\"input\":\"hi\",\"voice\":\"alloy\",\"volume\":3}");
        assertEquals(400, reply.status());
        assertEquals("unknown_field", reply.json().path("error").path("code").asText());
        assertEquals("volume", reply.json().path("error").path("param").asText());
        FarmClient.Reply broken = FarmClient.dev().postJson("/v1/audio/speech", "{\"model\":");
        assertEquals(400, broken.status());
        assertTrue(broken.json().path("error").path("message").asText().length() > 0, broken.text());
    }

    @Test
    void voicesListsTheBuiltInNamesAndTheTenantsVoices() throws Exception {
        JsonNode voices = FarmClient.dev().get("/v1/audio/voices").json().path("voices");
        List<String> ids = new java.util.ArrayList<>();
        voices.forEach(v -> ids.add(v.path("id").asText()));
        assertTrue(ids.containsAll(List.of("alloy", "echo", "nova", "shimmer")), ids.toString());
        voices.forEach(v -> assertTrue(v.path("builtIn").asBoolean() || !v.path("language").asText().isEmpty(), v.toString()));
    }
}
