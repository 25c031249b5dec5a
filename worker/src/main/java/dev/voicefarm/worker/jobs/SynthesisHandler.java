package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.worker.engine.SynthesisEngine;
import org.jboss.logging.Logger;

/**
 * Runs one synthesis job ({@link JobRun} around it): render, and store the WAV under a key derived
 * from the job id and the attempt (a stale attempt never overwrites the newer one's audio). A job with a voice speaks through that trained voice, otherwise through the base
 * eSpeak NG voice.
 */
public final class SynthesisHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(SynthesisHandler.class);

    /** Where a handler puts audio; a seam so the job flow can be tested without S3. */
    @FunctionalInterface
    public interface AudioSink {
        void put(String key, byte[] wav);
    }


    /** Speaks in a trained voice; a seam so the job flow can be tested without models. */
    @FunctionalInterface
    public interface VoiceSpeaker {
        /** @throws EngineException (permanent) when the voice does not exist */
        Wav speak(String tenant, String voiceId, String text, Language language) throws InterruptedException;
    }

    private final SynthesisEngine engine;
    private final VoiceSpeaker voices;
    private final AudioSink audio;
    private final JobRun<SynthesisJob> run;

    public SynthesisHandler(SynthesisEngine engine, VoiceSpeaker voices, AudioSink audio, Lifecycle lifecycle) {
        this.engine = engine;
        this.voices = voices;
        this.audio = audio;
        this.run = new JobRun<>(SynthesisJob.class, lifecycle);
    }

    @Override
    public Disposition handle(String topic, String payload, int attempt) throws InterruptedException {
        return run.handle(payload, attempt, (job, running) -> {
            JobResult result = render(job, running.attempt(), System.nanoTime());
            LOG.debugf("job %s succeeded: %.2f s of audio, attempt %d", job.jobId(), result.durationSeconds(), attempt);
            return result;
        });
    }

    private JobResult render(SynthesisJob job, int attempt, long started) throws InterruptedException {
        Language language = Language.fromCode(job.language())
                .orElseThrow(() -> new EngineException("unsupported language: " + job.language(), true));
        Wav wav = job.voice() == null
                ? engine.synthesize(job.text(), language)
                : voices.speak(job.tenant(), job.voice(), job.text(), language);
        String key = ObjectKeys.jobAudio(job.tenant(), job.jobId(), attempt);
        audio.put(key, wav.toBytes());
        return JobResult.audio(key, wav.durationSeconds(), wav.sampleRate(), (System.nanoTime() - started) / 1e9);
    }
}
