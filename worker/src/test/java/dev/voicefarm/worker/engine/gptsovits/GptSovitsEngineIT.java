package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.fleet.EngineProcess;
import dev.voicefarm.common.fleet.EngineStatus;
import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.common.voices.GptSovitsVoice;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceFamily;
import dev.voicefarm.worker.engine.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against real stand-in processes ({@code deploy/gpt-sovits-standin}, run with
 * {@code python3} as a GPT-SoVITS install is): voices fetched through the cache from a folder laid out
 * like the models bucket. Needs python3, espeak-ng; no Kafka, Redis or S3.
 */
class GptSovitsEngineIT {

    private static final String TENANT = "acme";

    @TempDir
    Path bucket;
    @TempDir
    Path cacheDir;

    private DirectoryVoiceFiles voices;
    private GptSovitsEngine engine;
    private GptSovitsSettings settings;

    private GptSovitsEngine start(StandIn.Settings wanted) throws InterruptedException {
        settings = wanted.build(cacheDir);
        engine = new GptSovitsEngine(settings, voices());
        engine.start();
        return engine;
    }

    private DirectoryVoiceFiles voices() {
        if (voices == null) {
            voices = new DirectoryVoiceFiles(bucket);
        }
        return voices;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void voicesNeverMixUnderConcurrentRequests() throws Exception {
        List<String> speakers = List.of("alice", "bob", "carol", "dave");
        for (int i = 0; i < speakers.size(); i++) {
            voices().add(TENANT, "v" + i, GptSovitsVersion.V2, speakers.get(i), 20 + 20 * i, "en");
        }
        StandIn.Settings wanted = new StandIn.Settings();
        wanted.processes = 2;
        GptSovitsEngine engine = start(wanted);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int request = 0; request < 40; request++) {
                int voice = (request * 7 + request / 4) % speakers.size();
                answers.add(threads.submit(() -> {
                    ApiV2Client.Speech speech = engine.say(TENANT, "v" + voice, "Request for voice " + voice + ".", Language.EN);
                    String gpt = speech.headers().firstValue("X-Standin-Gpt").orElse("?");
                    String sovits = speech.headers().firstValue("X-Standin-Sovits").orElse("?");
                    String expected = speakers.get(voice);
                    return gpt.equals(expected) && sovits.equals(expected) && speech.wav().durationSeconds() > 0.3
                            ? "ok" : "voice v%d (%s) spoke with GPT %s and SoVITS %s".formatted(voice, expected, gpt, sovits);
                }));
            }
            List<String> mixed = new ArrayList<>();
            for (Future<String> answer : answers) {
                String outcome = answer.get(120, TimeUnit.SECONDS);
                if (!outcome.equals("ok")) {
                    mixed.add(outcome);
                }
            }
            assertEquals(List.of(), mixed);
        } finally {
            threads.shutdownNow();
        }
        int served = 0;
        for (EngineProcess process : engine.status().processes()) {
            served += process.jobs();
        }
        assertEquals(40, served, "every request was served once by one of the processes");
        assertTrue(engine.voiceLoads() >= 4, "each voice was loaded at least once: " + engine.voiceLoads());
    }

    @Test
    void aVoiceStaysWithTheProcessThatHoldsIt() throws Exception {
        voices().add(TENANT, "a", GptSovitsVersion.V2, "alice", 30, "en");
        voices().add(TENANT, "b", GptSovitsVersion.V2, "bob", 70, "en");
        StandIn.Settings wanted = new StandIn.Settings();
        wanted.processes = 2;
        GptSovitsEngine engine = start(wanted);
        for (int i = 0; i < 20; i++) {
            engine.speak(TENANT, i % 2 == 0 ? "a" : "b", "Turn " + i + ".", Language.EN);
        }
        assertEquals(2, engine.voiceLoads(), "two voices on two processes are loaded once each");
        assertEquals(List.of("acme/a", "acme/b"), engine.heldVoices());
        List<EngineProcess> processes = engine.status().processes();
        assertEquals(List.of("acme/a", "acme/b"), processes.stream().map(EngineProcess::voice).toList());
        assertEquals(List.of(10, 10), processes.stream().map(EngineProcess::jobs).toList());
        assertEquals("alice", StandIn.state(settings.port(0)).get("sovits"));
        assertEquals("bob", StandIn.state(settings.port(1)).get("sovits"));
    }

    @Test
    void aProcessIsRecycledAfterItsNumberOfRequests() throws Exception {
        voices().add(TENANT, "a", GptSovitsVersion.V2, "alice", 30, "en");
        StandIn.Settings wanted = new StandIn.Settings();
        wanted.recycleAfterJobs = 3;
        GptSovitsEngine engine = start(wanted);
        long firstPid = StandIn.pid(settings.port(0));
        for (int i = 0; i < 3; i++) {
            engine.speak(TENANT, "a", "Sentence " + i + ".", Language.EN);
        }
        awaitTrue(() -> restarts(engine) == 1 && "ready".equals(engine.status().processes().get(0).state()));
        assertNotEquals(firstPid, StandIn.pid(settings.port(0)), "a new process");
        assertEquals(List.of(), engine.heldVoices(), "the new process holds no voice");
        engine.speak(TENANT, "a", "After the recycle.", Language.EN);
        assertEquals(2, engine.voiceLoads(), "the voice was loaded again into the new process");
    }

    @Test
    void aProcessAboveItsMemoryCeilingIsRecycled() throws Exception {
        voices().add(TENANT, "a", GptSovitsVersion.V2, "alice", 30, "en");
        StandIn.Settings wanted = new StandIn.Settings();
        wanted.maxRssMb = 120;
        wanted.environment.put("STANDIN_LEAK_MB", "50");
        GptSovitsEngine engine = start(wanted);
        long firstPid = StandIn.pid(settings.port(0));
        engine.speak(TENANT, "a", "One.", Language.EN);
        assertEquals(0, restarts(engine), "below the ceiling after one request");
        engine.speak(TENANT, "a", "Two.", Language.EN);
        engine.speak(TENANT, "a", "Three.", Language.EN);
        awaitTrue(() -> restarts(engine) == 1 && "ready".equals(engine.status().processes().get(0).state()));
        assertNotEquals(firstPid, StandIn.pid(settings.port(0)));
    }

    @Test
    void aCrashFailsTheSentenceTransientlyAndTheNextOneSucceeds() throws Exception {
        voices().add(TENANT, "a", GptSovitsVersion.V2, "alice", 30, "en");
        GptSovitsEngine engine = start(new StandIn.Settings());
        long firstPid = StandIn.pid(settings.port(0));
        EngineException e = assertThrows(EngineException.class,
                () -> engine.speak(TENANT, "a", "This one [[crash]] ends it.", Language.EN));
        assertFalse(e.permanent(), "retried, not failed: " + e.getMessage());
        assertTrue(e.getMessage().contains("acme/a"), e.getMessage());
        Wav after = engine.speak(TENANT, "a", "Back again.", Language.EN);
        assertTrue(after.durationSeconds() > 0.3);
        assertEquals(1, restarts(engine));
        assertNotEquals(firstPid, StandIn.pid(settings.port(0)));
    }

    @Test
    void aHangIsCutByTheRequestTimeoutAndTheProcessRestarted() throws Exception {
        voices().add(TENANT, "a", GptSovitsVersion.V2, "alice", 30, "en");
        StandIn.Settings wanted = new StandIn.Settings();
        wanted.requestTimeout = Duration.ofSeconds(2);
        GptSovitsEngine engine = start(wanted);
        long started = System.nanoTime();
        EngineException e = assertThrows(EngineException.class,
                () -> engine.speak(TENANT, "a", "This one [[hang]] never ends.", Language.EN));
        assertFalse(e.permanent());
        assertTrue(e.getMessage().contains("took longer than 2 s"), e.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
        assertTrue(engine.speak(TENANT, "a", "Answering again.", Language.EN).durationSeconds() > 0.3);
        assertEquals(1, restarts(engine));
    }

    @Test
    void theSilenceGptSovitsAnswersForAFailedInferenceIsATransientFailure() throws Exception {
        voices().add(TENANT, "a", GptSovitsVersion.V2, "alice", 30, "en");
        GptSovitsEngine engine = start(new StandIn.Settings());
        EngineException e = assertThrows(EngineException.class, () -> engine.speak(TENANT, "a", "… — …", Language.EN));
        assertFalse(e.permanent());
        assertTrue(e.getMessage().contains("16000 Hz, not v2's 32000 Hz"), e.getMessage());
        assertEquals(0, restarts(engine), "GPT-SoVITS recovers from it by itself");
        assertEquals(List.of("acme/a"), engine.heldVoices());
    }

    @Test
    void aLanguageTheVoicesVersionDoesNotSpeakIsRefusedForGood() throws Exception {
        voices().add(TENANT, "old", GptSovitsVersion.V1, "olga", 40, "en");
        GptSovitsEngine engine = start(new StandIn.Settings());
        EngineException e = assertThrows(EngineException.class, () -> engine.speak(TENANT, "old", "안녕하세요.", Language.KO));
        assertTrue(e.permanent());
        assertTrue(e.getMessage().startsWith("GPT-SoVITS refused: text_lang: ko is not supported in version v1"), e.getMessage());
        assertEquals(0, restarts(engine), "a refusal is not the process's fault");
    }

    @Test
    void weightsGptSovitsCannotLoadAreRefusedForGoodAndLeaveTheProcessHoldingNothing() throws Exception {
        Voice good = voices().add(TENANT, "good", GptSovitsVersion.V2, "gina", 40, "en");
        byte[] notAnArchive = "this is no checkpoint".getBytes();
        voices().write(TENANT, "bad", "voice.json", Json.encode(Voice.imported("bad", TENANT, "bad",
                good.createdAt(), new GptSovitsVoice(GptSovitsVersion.V2, "Hi.", "en", "reference.wav", 4,
                        notAnArchive.length, Sha256.hex(notAnArchive),
                        good.gptSovits().sovitsBytes(), good.gptSovits().sovitsSha256()))).getBytes());
        voices().write(TENANT, "bad", GptSovitsVoice.GPT_FILE, notAnArchive);
        voices().write(TENANT, "bad", GptSovitsVoice.SOVITS_FILE,
                Files.readAllBytes(bucket.resolve("acme/voices/good/1/sovits.pth")));
        voices().write(TENANT, "bad", "reference.wav", Files.readAllBytes(bucket.resolve("acme/voices/good/1/reference.wav")));
        GptSovitsEngine engine = start(new StandIn.Settings());
        engine.speak(TENANT, "good", "Fine.", Language.EN);
        EngineException e = assertThrows(EngineException.class, () -> engine.speak(TENANT, "bad", "Never.", Language.EN));
        assertTrue(e.permanent());
        assertTrue(e.getMessage().startsWith("GPT-SoVITS refused: change gpt weight failed: invalid load key"), e.getMessage());
        assertEquals(List.of(), engine.heldVoices(), "after a failed switch the process is known to hold nothing");
        ApiV2Client.Speech again = engine.say(TENANT, "good", "Fine again.", Language.EN);
        assertEquals("gina", again.headers().firstValue("X-Standin-Gpt").orElseThrow(), "the good voice was loaded again");
        assertEquals(2, engine.voiceLoads());
    }

    @Test
    void unknownVoicesAndVersionsTheInstallDoesNotRunFailForGood() throws Exception {
        voices().add(TENANT, "v4", GptSovitsVersion.V4, "vera", 50, "en");
        StandIn.Settings wanted = new StandIn.Settings();
        wanted.versions = List.of(GptSovitsVersion.V2, GptSovitsVersion.V2_PRO);
        GptSovitsEngine engine = start(wanted);
        EngineException unknown = assertThrows(EngineException.class, () -> engine.speak(TENANT, "nobody", "Hi.", Language.EN));
        assertTrue(unknown.permanent());
        assertEquals("voice nobody does not exist", unknown.getMessage());
        EngineException version = assertThrows(EngineException.class, () -> engine.speak(TENANT, "v4", "Hi.", Language.EN));
        assertTrue(version.permanent());
        assertTrue(version.getMessage().contains("GPT-SoVITS v4 voice"), version.getMessage());
    }

    @Test
    void speaksRealAudioAtEachVersionsRate() throws Exception {
        voices().add(TENANT, "two", GptSovitsVersion.V2, "tom", 40, "en");
        voices().add(TENANT, "three", GptSovitsVersion.V3, "tess", 60, "en");
        voices().add(TENANT, "four", GptSovitsVersion.V4, "fred", 20, "zh");
        GptSovitsEngine engine = start(new StandIn.Settings());
        for (Map.Entry<String, GptSovitsVersion> voice : List.of(Map.entry("two", GptSovitsVersion.V2),
                Map.entry("three", GptSovitsVersion.V3), Map.entry("four", GptSovitsVersion.V4))) {
            Wav wav = engine.speak(TENANT, voice.getKey(), "The quick brown fox jumps over the lazy dog.", Language.EN);
            assertEquals(voice.getValue().sampleRate(), wav.sampleRate(), voice.getKey());
            assertEquals(1, wav.channels());
            assertEquals(16, wav.bitsPerSample());
            assertTrue(wav.durationSeconds() > 0.3, voice.getKey() + " lasts " + wav.durationSeconds());
            assertTrue(wav.rms() > 0.02, voice.getKey() + " rms " + wav.rms());
        }
        EngineStatus status = engine.status();
        assertEquals(VoiceFamily.GPT_SOVITS, status.family());
        assertEquals(List.of("v1", "v2", "v2Pro", "v2ProPlus", "v3", "v4"), status.versions());
        EngineProcess process = status.processes().get(0);
        assertEquals("ready", process.state());
        assertEquals("acme/four", process.voice());
        assertEquals(3, process.jobs());
        assertTrue(process.rssMb() > 0, "memory measured: " + process.rssMb());
    }

    private static int restarts(GptSovitsEngine engine) {
        return engine.status().processes().stream().mapToInt(EngineProcess::restarts).sum();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
