package dev.voicefarm.common.jobs;

import dev.voicefarm.common.audio.AudioFormat;

/**
 * What a synthesis job's audio should be like.
 *
 * @param format the file format of the job's audio
 * @param speed  tempo relative to the voice's own, 0.25 to 4 (the pitch stays)
 * @param stream whether the worker publishes each sentence's audio as soon as it is made, for
 *               listeners that play it while the job runs
 */
public record AudioOutput(AudioFormat format, double speed, boolean stream) {

    /** A WAV file at the voice's own tempo, not streamed: what a request that says nothing gets. */
    public static final AudioOutput DEFAULT = new AudioOutput(AudioFormat.WAV, 1.0, false);
}
