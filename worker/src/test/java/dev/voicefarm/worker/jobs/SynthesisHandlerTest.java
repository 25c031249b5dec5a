package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.audio.AudioEncoder;
import dev.voicefarm.common.audio.AudioFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.worker.engine.SynthesisEngine;
import dev.voicefarm.common.jobs.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.HashMap;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SynthesisHandlerTest {

    private final List<JobEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Map<String, byte[]> objects = new HashMap<>();
    private static final Wav ONE_SECOND = new Wav(22050, 1, 16, new byte[44100]);
    private static final Wav TWO_SECONDS = new Wav(22050, 1, 16, new byte[88200]);
    /** One trained voice, "alice", that speaks for two seconds whatever the text. */
    private static final SynthesisHandler.VoiceSpeaker ALICE_ONLY = (tenant, voiceId, text, language) -> {
        if (!voiceId.equals("alice")) {
            throw new EngineException("voice " + voiceId + " does not exist", true);
        }
        return TWO_SECONDS;
    };
    private static final Map<VoiceFamily, SynthesisHandler.VoiceSpeaker> VOICES = Map.of(VoiceFamily.VOICEFARM, ALICE_ONLY);

    /** WAV at normal speed, what these jobs ask for, is written without FFmpeg. */
    private static final AudioEncoder ENCODER = new AudioEncoder("ffmpeg");
    private final List<String> chunks = new ArrayList<>();
    private final SynthesisHandler.StreamSink streams = new SynthesisHandler.StreamSink() {
        @Override
        public void chunk(String jobId, int index, Wav pcm, AudioOutput output) {
            chunks.add(index + ":" + pcm.durationSeconds());
        }

        @Override
        public void end(String jobId, int count) {
            chunks.add("end:" + count);
        }
    };

    private SynthesisHandler.AudioSink store() {
        return (key, audio) -> objects.put(key, audio.bytes());
    }

    private SynthesisHandler handler(SynthesisEngine engine) {
        return new SynthesisHandler(engine, VOICES, ENCODER, store(), streams, TestLifecycles.of(events, deadLetters));
    }

    private static String job(String language, String voice) {
        return Json.encode(new SynthesisJob("3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11", "default", HardwareClass.CPU, 0,
                Instant.parse("2026-11-23T10:00:00Z"), "Hello.", language, voice, "test", AudioOutput.DEFAULT, null, null));
    }

    private static String textJob(String text, AudioOutput output) {
        return Json.encode(new SynthesisJob("3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11", "default", HardwareClass.CPU, 0,
                Instant.parse("2026-11-23T10:00:00Z"), text, "en", null, "test", output, null, null));
    }

    /** The statuses reported, keep-alives (a RUNNING repeated) left out. */
    private List<JobStatus> statuses() {
        List<JobStatus> statuses = new ArrayList<>();
        synchronized (events) {
            for (JobEvent event : events) {
                if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != event.status()) {
                    statuses.add(event.status());
                }
            }
        }
        return statuses;
    }

    @Test
    void succeededJobStoresAudioUnderItsIdAndAttemptAndReportsIt() throws Exception {
        Disposition disposition = handler((text, language) -> ONE_SECOND).handle("farm.synthesis.cpu", job("en", null), 1);

        assertEquals(Disposition.DONE, disposition);
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.SUCCEEDED), statuses());
        String key = "default/jobs/3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11/1/audio.wav";
        assertEquals(1.0, Wav.parse(objects.get(key)).durationSeconds(), 1e-9);
        assertEquals(key, events.get(1).result().audioKey());
        assertEquals(1.0, events.get(1).result().durationSeconds(), 1e-9);
    }

    @Test
    void streamedJobPublishesEachSentenceInOrderThenTheEndAndStoresTheWhole() throws Exception {
        List<String> spoken = new ArrayList<>();
        SynthesisHandler handler = handler((text, language) -> {
            spoken.add(text);
            return ONE_SECOND;
        });
        String job = textJob("First sentence. Second one? ... Third!", new AudioOutput(AudioFormat.WAV, 1.0, true));

        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job, 1));
        assertEquals(List.of("First sentence.", "Second one?", "Third!"), spoken);
        assertEquals(List.of("0:1.0", "1:1.0", "2:1.0", "end:3"), chunks);
        assertEquals(3.0, events.get(1).result().durationSeconds(), 1e-9);
    }

    @Test
    void jobNotStreamedPublishesNoChunks() throws Exception {
        assertEquals(Disposition.DONE, handler((text, language) -> ONE_SECOND)
                .handle("farm.synthesis.cpu", textJob("One. Two.", AudioOutput.DEFAULT), 1));
        assertTrue(chunks.isEmpty());
        assertEquals(2.0, events.get(1).result().durationSeconds(), 1e-9);
    }

    @Test
    void textWithNothingToSpeakFailsWithoutRetry() throws Exception {
        assertEquals(Disposition.GIVE_UP, handler((text, language) -> ONE_SECOND)
                .handle("farm.synthesis.cpu", textJob("?! ... ;", AudioOutput.DEFAULT), 1));
        assertEquals("the text has nothing to speak: no letter or digit", events.get(1).reason());
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
    void transientFailureIsRetriedUntilTheAttemptsAreSpentThenDeadLettered() throws Exception {
        SynthesisHandler handler = handler((text, language) -> {
            throw new EngineException("process crashed", false);
        });
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 2));
        assertEquals(Disposition.GIVE_UP, handler.handle("farm.synthesis.cpu", job("en", null), 3));
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.RETRYING, JobStatus.RUNNING, JobStatus.RETRYING,
                JobStatus.RUNNING, JobStatus.FAILED), events.stream().map(JobEvent::status).toList());
        assertTrue(events.get(5).reason().startsWith("gave up after 3 attempts"), events.get(5).reason());
        assertEquals(1, deadLetters.size());
        assertEquals(3, deadLetters.get(0).attempts());
        assertEquals("process crashed", deadLetters.get(0).lastError());
        assertTrue(deadLetters.get(0).payload().contains("Hello."));
    }

    @Test
    void storageFailureIsRetried() throws Exception {
        SynthesisHandler handler = new SynthesisHandler((text, language) -> ONE_SECOND, VOICES, ENCODER,
                (key, wav) -> {
                    throw new IllegalStateException("S3 unreachable");
                }, streams, TestLifecycles.of(events, deadLetters));
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
        Lifecycle failedNotReported = new Lifecycle(event -> {
            if (event.status() == JobStatus.FAILED) {
                throw new IllegalStateException("Kafka down");
            }
        }, deadLetters::add, (jobId, attempt, started) -> Optional.empty(), "w1", 3, Duration.ZERO,
                TestLifecycles.NO_WAIT, TestLifecycles.NO_WAIT, Duration.ofSeconds(5), Duration.ofSeconds(1));
        SynthesisHandler handler = new SynthesisHandler((text, language) -> {
            throw new EngineException("no audio", true);
        }, VOICES, ENCODER, store(), streams, failedNotReported);
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 1));
    }

    @Test
    void transientFailureWithinTheBudgetIsRetriedInsideTheAttempt() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        SynthesisHandler handler = new SynthesisHandler((text, language) -> ONE_SECOND, VOICES, ENCODER, (key, wav) -> {
            if (puts.incrementAndGet() < 3) {
                throw new IllegalStateException("S3 unreachable");
            }
            objects.put(key, wav.bytes());
        }, streams, TestLifecycles.of(events, deadLetters, (jobId, attempt, started) -> Optional.empty(), Duration.ofSeconds(30)));

        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.SUCCEEDED), statuses());
        assertEquals(3, puts.get());
        assertEquals(1, objects.size());
    }

    @Test
    void attemptThatDoesNotOwnItsJobIsNotRun() throws Exception {
        SynthesisHandler handler = new SynthesisHandler((text, language) -> ONE_SECOND, VOICES, ENCODER, store(), streams,
                TestLifecycles.of(events, deadLetters, (jobId, attempt, started) -> Optional.of(Ownership.Lost.forGood("the job is CANCELLED")),
                        Duration.ZERO));
        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertTrue(events.isEmpty());
        assertTrue(objects.isEmpty());
    }

    /** A broker restart can hand a record out again with the same delivery count while its first run is gone. */
    @Test
    void copyOfAnAttemptThatAlreadyStartedGoesBackForALaterDeliveryAndTheLastOneRuns() throws Exception {
        Ownership anotherCopyRan = (jobId, attempt, started) -> started ? Optional.empty()
                : Optional.of(new Ownership.Lost("attempt " + attempt + " is already RUNNING", true));
        SynthesisHandler handler = new SynthesisHandler((text, language) -> ONE_SECOND, VOICES, ENCODER, store(), streams,
                TestLifecycles.of(events, deadLetters, anotherCopyRan, Duration.ZERO));
        assertEquals(Disposition.RETRY, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertTrue(events.isEmpty());
        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job("en", null), 3));
        assertEquals(List.of(JobStatus.RUNNING, JobStatus.SUCCEEDED), statuses());
    }

    @Test
    void runningAttemptThatLosesItsJobStopsWithoutAnOutcome() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        Ownership cancelledOnceStarted = (jobId, attempt, started) ->
                started ? Optional.of(Ownership.Lost.forGood("the job is CANCELLED")) : Optional.empty();
        SynthesisHandler handler = new SynthesisHandler((text, language) -> {
            computing.countDown();
            Thread.sleep(60_000);
            return ONE_SECOND;
        }, VOICES, ENCODER, store(), streams, TestLifecycles.of(events, deadLetters, cancelledOnceStarted, Duration.ofSeconds(30)));

        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertEquals(0, computing.getCount());
        assertEquals(List.of(JobStatus.RUNNING), statuses());
        assertTrue(objects.isEmpty());
        assertFalse(Thread.currentThread().isInterrupted(), "the stop leaked an interrupt into the next job");
    }

    /**
     * An interrupt can reach the compute thread inside I/O that turns it into an ordinary error (an
     * S3 call's InterruptedIOException): the lost attempt must not take that for a transient
     * failure and run its work again (measured: a paused worker's stale attempt trained to the end).
     */
    @Test
    void lostAttemptWhoseInterruptWasSwallowedIsNotRetried() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Ownership takenOverOnceStarted = (jobId, attempt, started) ->
                started ? Optional.of(Ownership.Lost.forGood("attempt 2 took it over")) : Optional.empty();
        SynthesisHandler handler = new SynthesisHandler((text, language) -> {
            runs.incrementAndGet();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new EngineException("storage call interrupted", false);
            }
            return ONE_SECOND;
        }, VOICES, ENCODER, store(), streams, TestLifecycles.of(events, deadLetters, takenOverOnceStarted, Duration.ofSeconds(30)));

        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        assertEquals(1, runs.get());
        assertEquals(List.of(JobStatus.RUNNING), statuses());
        assertTrue(objects.isEmpty());
        assertFalse(Thread.currentThread().isInterrupted(), "the stop leaked an interrupt into the next job");
    }

    /** Measured: a copy sent back ran as attempt 2 while attempt 1 finished, and both reported. */
    @Test
    void attemptWhoseJobFinishedWhileItComputedReportsNothing() throws Exception {
        AtomicBoolean otherCopyFinished = new AtomicBoolean();
        Ownership finishedElsewhereOnceComputed = (jobId, attempt, started) -> otherCopyFinished.get()
                ? Optional.of(Ownership.Lost.forGood("the job is SUCCEEDED")) : Optional.empty();
        SynthesisHandler handler = new SynthesisHandler((text, language) -> {
            otherCopyFinished.set(true);
            return ONE_SECOND;
        }, VOICES, ENCODER, store(), streams, TestLifecycles.of(events, deadLetters, finishedElsewhereOnceComputed,
                Duration.ofSeconds(30)));
        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job("en", null), 2));
        assertEquals(List.of(JobStatus.RUNNING), statuses());
    }

    @Test
    void runningAttemptSendsKeepAlives() throws Exception {
        SynthesisHandler handler = new SynthesisHandler((text, language) -> {
            Thread.sleep(300);
            return ONE_SECOND;
        }, VOICES, ENCODER, store(), streams, TestLifecycles.of(events, deadLetters, (jobId, attempt, started) -> Optional.empty(),
                Duration.ofSeconds(30)));
        assertEquals(Disposition.DONE, handler.handle("farm.synthesis.cpu", job("en", null), 1));
        long running = events.stream().filter(e -> e.status() == JobStatus.RUNNING).count();
        assertTrue(running >= 3, running + " RUNNING events (the first and its keep-alives)");
    }

    @Test
    void undecodableRecordIsDroppedWithoutEvents() throws Exception {
        assertEquals(Disposition.GIVE_UP, handler((text, language) -> ONE_SECOND).handle("farm.synthesis.cpu", "{not json", 1));
        assertTrue(events.isEmpty());
        assertNull(objects.get("anything"));
    }
}
