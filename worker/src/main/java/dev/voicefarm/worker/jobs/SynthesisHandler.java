package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.audio.AudioEncoder;
import dev.voicefarm.common.audio.EncodedAudio;
import dev.voicefarm.common.audio.Loudness;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.worker.engine.Sentences;
import dev.voicefarm.worker.engine.SynthesisEngine;
import java.io.ByteArrayOutputStream;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs one synthesis job ({@link JobRun} around it). The text is spoken sentence by sentence
 * ({@link Sentences}), each sentence brought to the target loudness ({@link Loudness}); a streamed
 * job publishes each sentence's audio as soon as it is made. The whole audio is then encoded in
 * the job's format at its speed and stored under a key derived from the job id and the attempt (a
 * stale attempt never overwrites the newer one's audio). A job with a voice speaks through that
 * trained voice, otherwise through the base eSpeak NG voice.
 */
public final class SynthesisHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(SynthesisHandler.class);

    /** Where a handler puts audio; a seam so the job flow can be tested without S3. */
    @FunctionalInterface
    public interface AudioSink {
        void put(String key, EncodedAudio audio);
    }

    /** Where a streamed job's sentences go as they are made ({@code AudioStreams}); a seam for tests without Redis. */
    public interface StreamSink {
        void chunk(String jobId, int index, Wav pcm, AudioOutput output);

        void end(String jobId, int chunks);
    }

    /** Speaks in a trained voice; a seam so the job flow can be tested without models. */
    @FunctionalInterface
    public interface VoiceSpeaker {
        /** @throws EngineException (permanent) when the voice does not exist */
        Wav speak(String tenant, String voiceId, String text, Language language) throws InterruptedException;
    }

    private final SynthesisEngine engine;
    private final Map<VoiceFamily, ? extends VoiceSpeaker> voices;
    private final AudioEncoder encoder;
    private final AudioSink audio;
    private final StreamSink streams;
    private final JobRun<SynthesisJob> run;

    /** @param voices who speaks the voices of each family this worker runs */
    public SynthesisHandler(SynthesisEngine engine, Map<VoiceFamily, ? extends VoiceSpeaker> voices, AudioEncoder encoder, AudioSink audio,
                            StreamSink streams, Lifecycle lifecycle) {
        this.engine = engine;
        this.voices = Map.copyOf(voices);
        this.encoder = encoder;
        this.audio = audio;
        this.streams = streams;
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
        List<String> sentences = Sentences.split(job.text(), language);
        if (sentences.isEmpty()) {
            throw new EngineException("the text has nothing to speak: no letter or digit", true);
        }
        AudioOutput output = job.output();
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        int rate = 0;
        for (int index = 0; index < sentences.size(); index++) {
            Wav sentence = Loudness.normalize(speak(job, sentences.get(index), language));
            if (index > 0 && sentence.sampleRate() != rate) {
                throw new EngineException("the engine changed its sample rate mid-text", false);
            }
            rate = sentence.sampleRate();
            if (output.stream()) {
                streams.chunk(job.jobId(), index, sentence, output);
            }
            pcm.writeBytes(sentence.pcm());
        }
        if (output.stream()) {
            streams.end(job.jobId(), sentences.size());
        }
        Wav whole = new Wav(rate, 1, 16, pcm.toByteArray());
        EncodedAudio encoded;
        try {
            encoded = encoder.encode(whole, output.format(), output.speed());
        } catch (AudioEncoder.EncodingException e) {
            throw new EngineException(e.getMessage(), false);
        }
        String key = ObjectKeys.jobAudio(job.tenant(), job.jobId(), attempt, output.format());
        audio.put(key, encoded);
        return JobResult.audio(key, encoded, (System.nanoTime() - started) / 1e9);
    }

    private Wav speak(SynthesisJob job, String sentence, Language language) throws InterruptedException {
        if (job.voice() == null) {
            return engine.synthesize(sentence, language);
        }
        VoiceSpeaker speaker = voices.get(job.family());
        if (speaker == null) {
            // Only workers that run a family read its topics; a record that got here anyway is not ours to run.
            throw new EngineException("this worker does not run the " + job.family() + " family", false);
        }
        return speaker.speak(job.tenant(), job.voice(), sentence, language);
    }
}
