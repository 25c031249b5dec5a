package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.common.voices.GptSovitsVoice;
import dev.voicefarm.worker.engine.EngineException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in keeps api_v2's contract where the worker depends on it: started as the engine starts
 * GPT-SoVITS ({@link ApiV2Process}) and called through {@link ApiV2Client} and plain HTTP.
 */
class GptSovitsStandInIT {

    @TempDir
    static Path dir;
    private static GptSovitsSettings settings;
    private static ApiV2Process process;
    private static ApiV2Client client;
    private static final HttpClient HTTP = ApiV2Client.httpClient();
    private static final GptSovitsVoice PROMPT = new GptSovitsVoice(GptSovitsVersion.V2, "This is how I sound.", "en",
            "reference.wav", 4, 0, "", 0, "");

    @BeforeAll
    static void startOne() throws Exception {
        settings = new StandIn.Settings().build(dir.resolve("cache"));
        process = new ApiV2Process(0, settings, HTTP);
        process.start();
        client = process.client();
        write("alice.ckpt", GptSovitsWeights.gpt("alice"));
        write("alice.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "alice", 30));
        write("bob.ckpt", GptSovitsWeights.gpt("bob"));
        write("bob.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "bob", 70));
        write("v1.pth", GptSovitsWeights.sovits(GptSovitsVersion.V1, "olga", 50));
        write("v3.pth", GptSovitsWeights.sovits(GptSovitsVersion.V3, "tess", 50));
        write("v4.pth", GptSovitsWeights.sovits(GptSovitsVersion.V4, "fred", 50));
        write("reference.wav", GptSovitsWeights.reference(4));
        write("short.wav", GptSovitsWeights.reference(2));
        write("long.wav", GptSovitsWeights.reference(11));
        byte[] unknownHead = GptSovitsWeights.sovits(GptSovitsVersion.V2, "x", 1);
        unknownHead[0] = '9';
        unknownHead[1] = '9';
        write("unknown-head.pth", unknownHead);
    }

    @AfterAll
    static void stopIt() throws Exception {
        process.stop();
    }

    private static void write(String name, byte[] content) throws Exception {
        Files.write(dir.resolve(name), content);
    }

    private static Path file(String name) {
        return dir.resolve(name);
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.port(0) + "/tts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static TtsRequest request(String text, Language language, String reference) {
        return TtsRequest.of(text, language, PROMPT, file(reference));
    }

    private static void load(String gpt, String sovits) throws Exception {
        client.setGptWeights(file(gpt));
        client.setSovitsWeights(file(sovits));
    }

    @Test
    void refusesWhatApiV2RefusesWithItsMessages() throws Exception {
        load("alice.ckpt", "alice.pth");
        String ref = file("reference.wav").toString();
        assertEquals("{\"message\": \"ref_audio_path is required\"}", post("{}").body());
        assertEquals(400, post("{}").statusCode());
        assertEquals("{\"message\": \"text is required\"}", post("{\"ref_audio_path\": \"" + ref + "\"}").body());
        assertEquals("{\"message\": \"text_lang: xx is not supported in version v2\"}",
                post("{\"ref_audio_path\": \"" + ref + "\", \"text\": \"hi\", \"text_lang\": \"xx\", \"prompt_lang\": \"en\"}").body());
        assertEquals("{\"message\": \"media_type: mp3 is not supported\"}", post("{\"ref_audio_path\": \"" + ref
                + "\", \"text\": \"hi\", \"text_lang\": \"en\", \"prompt_lang\": \"en\", \"media_type\": \"mp3\"}").body());
        assertEquals("{\"message\": \"text_split_method:cut9 is not supported\"}", post("{\"ref_audio_path\": \"" + ref
                + "\", \"text\": \"hi\", \"text_lang\": \"en\", \"prompt_lang\": \"en\", \"text_split_method\": \"cut9\"}").body());
        HttpResponse<String> wrongType = post("{\"text\": 5}");
        assertEquals(422, wrongType.statusCode());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.port(0) + "/tts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, get.statusCode(), "api_v2's GET /tts lower-cases a missing text_lang");
    }

    @Test
    void weightsItCannotLoadAreRefusedWithApiV2sWording() {
        EngineException missing = assertThrows(EngineException.class, () -> client.setGptWeights(file("nothing.ckpt")));
        assertTrue(missing.permanent());
        assertEquals("GPT-SoVITS refused: change gpt weight failed: [Errno 2] No such file or directory: '"
                + file("nothing.ckpt") + "'", missing.getMessage());
        EngineException notZip = assertThrows(EngineException.class, () -> client.setGptWeights(file("reference.wav")));
        assertEquals("GPT-SoVITS refused: change gpt weight failed: invalid load key, 'R'.", notZip.getMessage());
        EngineException head = assertThrows(EngineException.class, () -> client.setSovitsWeights(file("unknown-head.pth")));
        assertEquals("GPT-SoVITS refused: change sovits weight failed: b'99'", head.getMessage());
    }

    @Test
    void itsHeadersNameTheSpeakerWhoseWeightsSpokeWhateverTheRequestSays() throws Exception {
        load("alice.ckpt", "alice.pth");
        ApiV2Client.Speech alice = client.tts(request("Hello.", Language.EN, "reference.wav"));
        assertEquals("alice", alice.headers().firstValue("X-Standin-Gpt").orElseThrow());
        assertEquals("alice", alice.headers().firstValue("X-Standin-Sovits").orElseThrow());
        client.setSovitsWeights(file("bob.pth"));
        ApiV2Client.Speech mixed = client.tts(request("Hello.", Language.EN, "reference.wav"));
        assertEquals("alice", mixed.headers().firstValue("X-Standin-Gpt").orElseThrow());
        assertEquals("bob", mixed.headers().firstValue("X-Standin-Sovits").orElseThrow(), "a mix is visible");
        assertEquals("bob", StandIn.state(settings.port(0)).get("sovits"));
    }

    @Test
    void referenceClipsOutsideThreeToTenSecondsAreRefused() throws Exception {
        load("alice.ckpt", "alice.pth");
        for (String clip : new String[] {"short.wav", "long.wav"}) {
            EngineException e = assertThrows(EngineException.class, () -> client.tts(request("Hello.", Language.EN, clip)));
            assertTrue(e.permanent());
            assertEquals("GPT-SoVITS refused: tts failed: Reference audio is outside the 3-10 second range, please choose another one!",
                    e.getMessage());
        }
    }

    @Test
    void theSovitsVersionDecidesRateAndLanguages() throws Exception {
        load("alice.ckpt", "v3.pth");
        assertEquals(24_000, client.tts(request("Hello.", Language.EN, "reference.wav")).wav().sampleRate());
        client.setSovitsWeights(file("v4.pth"));
        assertEquals(48_000, client.tts(request("Hello.", Language.EN, "reference.wav")).wav().sampleRate());
        client.setSovitsWeights(file("v1.pth"));
        assertEquals(32_000, client.tts(request("Hello.", Language.EN, "reference.wav")).wav().sampleRate());
        EngineException korean = assertThrows(EngineException.class, () -> client.tts(request("안녕.", Language.KO, "reference.wav")));
        assertEquals("GPT-SoVITS refused: text_lang: ko is not supported in version v1", korean.getMessage());
    }

    @Test
    void itRewritesItsOwnConfigCopyNeverTheInstalls() throws Exception {
        String installed = Files.readString(StandIn.INSTALL.resolve(GptSovitsSettings.DEFAULT_CONFIG), StandardCharsets.UTF_8);
        load("bob.ckpt", "bob.pth");
        String copy = Files.readString(settings.cacheDir().resolve("processes/0/tts_infer.yaml"), StandardCharsets.UTF_8);
        assertTrue(copy.contains("t2s_weights_path: " + file("bob.ckpt")), copy);
        assertEquals(installed, Files.readString(StandIn.INSTALL.resolve(GptSovitsSettings.DEFAULT_CONFIG), StandardCharsets.UTF_8));
    }

    @Test
    void itAnswersHealthChecksAndReportsItsMemory() throws Exception {
        assertTrue(process.answers());
        assertTrue(process.rssMb() > 5, "rss " + process.rssMb());
        assertEquals(process.pid(), StandIn.pid(settings.port(0)));
    }

    @Test
    void aProcessLeftRunningByAKilledWorkerIsStoppedByTheNextOneOnTheSameCacheDir() throws Exception {
        GptSovitsSettings own = new StandIn.Settings().build(dir.resolve("leftover"));
        ApiV2Process first = new ApiV2Process(0, own, HTTP);
        first.start();
        long leftover = StandIn.pid(own.port(0));
        // The worker that started it is gone without stopping it (SIGKILL): a new one starts the slot.
        ApiV2Process second = new ApiV2Process(0, own, HTTP);
        try {
            second.start();
            assertFalse(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false), "the leftover still runs");
            assertNotEquals(leftover, StandIn.pid(own.port(0)));
        } finally {
            second.stop();
            first.stop();
        }
    }
}
