package dev.voicefarm.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.jobs.TrainingJob;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.testing.LocalStack;
import dev.voicefarm.common.voices.DatasetManifest;
import dev.voicefarm.worker.engine.EspeakEngine;
import dev.voicefarm.worker.engine.voice.VoiceLibrary;
import dev.voicefarm.worker.engine.voice.VoiceTrainer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training job and the voice library against the real S3 server of the test stack: a job
 * delivered again resumes after its newest S3 checkpoint, and loaded voices stay apart.
 */
class TrainingOnS3IT {

    private static final List<String> TEXTS = List.of(
            "The morning train left the station ten minutes late.",
            "She painted the fence a bright shade of yellow.",
            "Every student brought a notebook and two pencils.",
            "The river rose quickly after the heavy rain.",
            "He found an old map folded inside the book.",
            "Please close the window before the storm arrives.");

    private static ArtifactStore store;
    private final EspeakEngine espeak = new EspeakEngine("espeak-ng");
    private final List<JobEvent> events = new ArrayList<>();

    @BeforeAll
    static void connect() {
        store = new ArtifactStore(LocalStack.s3());
        store.ensureBuckets();
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    /** A dataset of another eSpeak NG speaker, stored as POST /v1/datasets stores one. */
    private static String dataset(String variant) throws Exception {
        String id = UUID.randomUUID().toString();
        List<DatasetManifest.Clip> clips = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            Process process = new ProcessBuilder("espeak-ng", "-v", variant, "--stdout", TEXTS.get(i))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] wav;
            try (InputStream out = process.getInputStream()) {
                wav = Wav.parse(out.readAllBytes()).toBytes();
            }
            process.waitFor();
            String key = ObjectKeys.datasetClip("default", id, "clip" + i);
            store.put(ObjectKeys.DATASETS_BUCKET, key, wav, "audio/wav");
            clips.add(new DatasetManifest.Clip("clip" + i, TEXTS.get(i), key, Wav.parse(wav).durationSeconds()));
        }
        DatasetManifest manifest = new DatasetManifest(id, "default", "ljspeech", Instant.now(), clips, 10);
        store.put(ObjectKeys.DATASETS_BUCKET, ObjectKeys.datasetManifest("default", id),
                Json.encode(manifest).getBytes(StandardCharsets.UTF_8), "application/json");
        return id;
    }

    private TrainingHandler handler() {
        return new TrainingHandler(new VoiceTrainer(espeak, Device.cpu()), espeak, store, Device.cpu(),
                TestLifecycles.of(events, new ArrayList<>()));
    }

    private static String job(String jobId, String datasetId, int epochs) {
        return Json.encode(new TrainingJob(jobId, "default", HardwareClass.CPU, 0, Instant.now(), datasetId, "en",
                "Test voice", epochs, "test"));
    }

    private List<Integer> progressEpochs() {
        return events.stream().filter(e -> e.progress() != null).map(e -> e.progress().epoch()).toList();
    }

    @Test
    void redeliveredTrainingResumesAfterItsNewestCheckpoint() throws Exception {
        String datasetId = dataset("en-us+f3");
        String jobId = UUID.randomUUID().toString();
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(jobId, datasetId, 3), 1));
        assertEquals(List.of(1, 2, 3), progressEpochs());
        JobEvent succeeded = events.get(events.size() - 1);
        assertEquals(JobStatus.SUCCEEDED, succeeded.status());
        assertEquals(jobId, succeeded.result().voice().id());
        assertTrue(store.find(ObjectKeys.MODELS_BUCKET, ObjectKeys.voiceFile("default", jobId, 1, "voice.pt")).isPresent());

        events.clear();
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(jobId, datasetId, 5), 2));
        assertEquals(List.of(4, 5), progressEpochs());
    }

    @Test
    void staleAttemptNeverReplacesANewerAttemptsCheckpoint() throws Exception {
        String datasetId = dataset("en-us+f3");
        String jobId = UUID.randomUUID().toString();
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(jobId, datasetId, 2), 1));
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(jobId, datasetId, 4), 2));
        events.clear();
        // Attempt 1 again, as a worker paused past its lock would: it trains on from its own checkpoint...
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(jobId, datasetId, 6), 1));
        assertEquals(List.of(3, 4, 5, 6), progressEpochs());
        events.clear();
        // ...and attempt 3 still resumes from attempt 2's (epoch 4), not from the stale one's epoch 6.
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(jobId, datasetId, 6), 3));
        assertEquals(List.of(5, 6), progressEpochs());
        assertTrue(store.find(ObjectKeys.MODELS_BUCKET, ObjectKeys.voiceFile("default", jobId, 3, "voice.pt")).isPresent());
    }

    @Test
    void unknownDatasetFailsTheJobWithoutRetry() throws Exception {
        String jobId = UUID.randomUUID().toString();
        assertEquals(Disposition.GIVE_UP,
                handler().handle("farm.training.cpu", job(jobId, UUID.randomUUID().toString(), 3), 1));
        JobEvent failed = events.get(events.size() - 1);
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.reason().contains("does not exist"), failed.reason());
    }

    @Test
    void voicesInterleaveWithoutCrossTalkAndTheLibraryStaysBounded() throws Exception {
        String voiceA = UUID.randomUUID().toString();
        String voiceB = UUID.randomUUID().toString();
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(voiceA, dataset("en-us+f3"), 10), 1));
        assertEquals(Disposition.DONE, handler().handle("farm.training.cpu", job(voiceB, dataset("en-us+m7"), 10), 1));

        try (VoiceLibrary library = new VoiceLibrary(store, espeak, Device.cpu(), 1)) {
            String text = "Both voices read this sentence.";
            Wav a1 = library.speak("default", voiceA, text, Language.EN);
            Wav b = library.speak("default", voiceB, text, Language.EN);
            Wav a2 = library.speak("default", voiceA, text, Language.EN);
            assertEquals(1, library.size());
            assertArrayEquals(a1.pcm(), a2.pcm(), "voice A changed after voice B spoke");
            assertFalse(java.util.Arrays.equals(a1.pcm(), b.pcm()), "two voices spoke identically");
            assertNotNull(b);
        }
    }
}
