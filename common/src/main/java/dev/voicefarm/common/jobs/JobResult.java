package dev.voicefarm.common.jobs;

import dev.voicefarm.common.voices.Voice;

/**
 * What a succeeded job produced: audio for synthesis, a voice for training.
 *
 * @param audioKey        object key of the WAV file in the artifacts bucket
 * @param durationSeconds length of the audio
 * @param sampleRate      samples per second of the WAV file
 * @param computeSeconds  how long the worker took, from taking the job to storing its output
 * @param voice           the voice a training job made
 */
public record JobResult(String audioKey, double durationSeconds, int sampleRate, double computeSeconds,
                        Voice voice) {

    public static JobResult audio(String audioKey, double durationSeconds, int sampleRate, double computeSeconds) {
        return new JobResult(audioKey, durationSeconds, sampleRate, computeSeconds, null);
    }

    public static JobResult trained(Voice voice, double computeSeconds) {
        return new JobResult(null, 0, voice.sampleRate(), computeSeconds, voice);
    }
}
