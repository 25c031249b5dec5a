package dev.voicefarm.common.jobs;

import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.audio.EncodedAudio;
import dev.voicefarm.common.voices.Voice;

/**
 * What a succeeded job produced: audio for synthesis, a voice for training.
 *
 * @param audioKey        object key of the audio file in the artifacts bucket
 * @param format          the audio file's format ({@link dev.voicefarm.common.audio.AudioFormat#id()})
 * @param durationSeconds length of the audio
 * @param sampleRate      samples per second of the audio file
 * @param computeSeconds  how long the worker took, from taking the job to storing its output
 * @param voice           the voice a training job made
 */
public record JobResult(String audioKey, String format, double durationSeconds, int sampleRate, double computeSeconds,
                        Voice voice) {

    public static JobResult audio(String audioKey, EncodedAudio audio, double computeSeconds) {
        return new JobResult(audioKey, audio.format().id(), audio.durationSeconds(), audio.sampleRate(), computeSeconds, null);
    }

    /** A WAV file's result. */
    public static JobResult audio(String audioKey, double durationSeconds, int sampleRate, double computeSeconds) {
        return new JobResult(audioKey, AudioFormat.WAV.id(), durationSeconds, sampleRate, computeSeconds, null);
    }

    public static JobResult trained(Voice voice, double computeSeconds) {
        return new JobResult(null, null, 0, voice.sampleRate(), computeSeconds, voice);
    }
}
