package dev.voicefarm.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.worker.engine.SynthesisEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SynthesisHandlerTest {

    private final List<JobEvent> events = new ArrayList<>();
    private final Map<String, byte[]> objects = new HashMap<>();
    private static final Wav ONE_SECOND = new Wav(22050, 1, 16, new byte[44100]);
    private static final Wav TWO_SECONDS = new Wav(22050, 1, 16, new byte[88200]);
    /** One trained voice, "alice", that speaks for two seconds whatever the text. */
    private static final SynthesisHandler.VoiceSpeaker VOICES = (voiceId, text, language) -> {
        if (!voiceId.equals("alice")) {
            throw new EngineException("voice " + voiceId + " does not exist", true);
        }
        return TWO_SECONDS;
    };

    private SynthesisHandler handler(SynthesisEngine engine) {
        return new SynthesisHandler(engine, VOICES, objects::put, events::add, "w1", 3);
    }

    private static String job(String language, String voice) {
        return Json.encode(new SynthesisJob("3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11", "default", HardwareClass.CPU,
                Instant.parse("2026-11-23T10:00:00Z"), "Hello.", language, voice, "test"));
    }

    private List<JobStatus> statuses() {
        return events.stream().map(JobEvent::status).toList();
    }

    @Test
    void succeededJobStoresAudioUnderItsIdAndReportsIt() throws Exception {
        Disposition disposition = handler((text, language) -> ONE_SECOND).handle("farm.synthesis.cpu", job("en", null), 1);

        assertEquals(Disposition.DONE, disposition);
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.SUCCEEDED), statuses());
        String key = "default/jobs/3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11/audio.wav";
        assertEquals(1.0, Wav.parse(objects.get(key)).durationSeconds(), 1e-9);
        assertEquals(key, events.get(1).result().audioKey());
        assertEquals(1.0, events.get(1).result().durationSeconds(), 1e-9);
    }

    @Test
    void permanentEngineFailureFailsTheJobWithItsReason() throws Exception {
        Disposition disposition = handler((text, language) -> {
            throw new EngineException("no audio", true);
        }).handle("farm.synthesis.cpu", job("en", null), 1);

        assertEquals(Disposition.GIVE_UP, disposition);
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.FAILED), statuses());
        assertEquals("no audio", events.get(1).reason());
        assertTrue(objects.isEmpty());
    }

    @Test
    void transientFailureIsRetriedUntilTheBudgetIsSpent() throws Exception {
        SynthesisHandler handler = handler((text, language) -> {
            throw new EngineException("process crashed", false);
        });
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 2));
        assertEquals(Disposition.GIVE_UP, handler.handle("farm.synthesis.cpu", job("en", null), 3));
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.RETRYING, JobStatus.RUNNING, JobStatus.RETRYING,
                JobStatus.RUNNING, JobStatus.FAILED), statuses());
        assertTrue(events.get(5).reason().startsWith("gave up after 3 attempts"), events.get(5).reason());
    }

    @Test
    void storageFailureIsRetried() throws Exception {
        SynthesisHandler handler = new SynthesisHandler((text, language) -> ONE_SECOND, VOICES,
                (key, wav) -> {
                    throw new IllegalStateException("S3 unreachable");
                }, events::add, "w1", 3);
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertEquals("S3 unreachable", events.get(1).reason());
    }

    @Test
    void jobWithAVoiceSpeaksThroughThatVoice() throws Exception {
        assertEquals(Disposition.DONE, handler((text, language) -> ONE_SECOND).handle("farm.synthesis.cpu", job("en", "alice"), 1));
        assertEquals(2.0, events.get(1).result().durationSeconds(), 1e-9);
    }

    @Test
    void unknownLanguageOrVoiceFailsWithoutRetry() throws Exception {
        assertEquals(Disposition.GIVE_UP, handler((text, language) -> ONE_SECOND).handle("farm.synthesis.cpu", job("xx", null), 1));
        assertEquals(Disposition.GIVE_UP, handler((text, language) -> ONE_SECOND).handle("farm.synthesis.cpu", job("en", "bob"), 1));
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.FAILED, JobStatus.RUNNING, JobStatus.FAILED), statuses());
    }

    @Test
    void outcomeThatCannotBeReportedSendsTheRecordBack() throws Exception {
        SynthesisHandler handler = new SynthesisHandler((text, language) -> {
            throw new EngineException("no audio", true);
        }, VOICES, objects::put, event -> {
            if (event.status() == JobStatus.FAILED) {
                throw new IllegalStateException("Kafka down");
            }
        }, "w1", 3);
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 1));
    }

    @Test
    void undecodableRecordIsDroppedWithoutEvents() throws Exception {
        assertEquals(Disposition.GIVE_UP, handler((text, language) -> ONE_SECOND).handle("farm.synthesis.cpu", "{not json", 1));
        assertTrue(events.isEmpty());
        assertNull(objects.get("anything"));
    }
}
