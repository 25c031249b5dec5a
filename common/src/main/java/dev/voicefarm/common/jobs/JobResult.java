package dev.voicefarm.common.jobs;

/**
 * What a succeeded synthesis job produced.
 *
 * @param audioKey        object key of the WAV file in the artifacts bucket
 * @param durationSeconds length of the audio
 * @param sampleRate      samples per second of the WAV file
 * @param computeSeconds  how long the worker took, from taking the job to storing the audio
 */
public record JobResult(String audioKey, double durationSeconds, int sampleRate, double computeSeconds) {
}
