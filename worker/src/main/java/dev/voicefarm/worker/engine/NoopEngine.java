package dev.voicefarm.worker.engine;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Answers every text with the same short tone and computes nothing: with it, a job costs only
 * what the farm adds (queue, state, storage, events), which is what the farm benchmark measures.
 */
public final class NoopEngine implements SynthesisEngine {

    static final int SAMPLE_RATE = 22_050;
    private static final double SECONDS = 0.25;
    private static final double TONE_HZ = 440;

    private final Wav tone = tone();

    @Override
    public Wav synthesize(String text, Language language) {
        return tone;
    }

    private static Wav tone() {
        int frames = (int) (SAMPLE_RATE * SECONDS);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * TONE_HZ * i / SAMPLE_RATE)));
        }
        return new Wav(SAMPLE_RATE, 1, 16, pcm.array());
    }
}
