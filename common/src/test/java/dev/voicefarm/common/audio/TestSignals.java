package dev.voicefarm.common.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Signals for audio tests. */
final class TestSignals {

    private TestSignals() {
    }

    /** Speech-like: a 150 Hz buzz with harmonics, syllable-rate amplitude, pauses and a little noise. */
    static Wav voiceLike(int rate, double seconds, double amplitude) {
        Random random = new Random(7);
        int frames = (int) (rate * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double syllables = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
            double buzz = 0;
            for (int h = 1; h <= 8; h++) {
                buzz += Math.sin(2 * Math.PI * 150 * h * t) / h;
            }
            double sample = amplitude * (syllables * buzz / 2.7 + 0.01 * random.nextGaussian());
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(sample * 32767))));
        }
        return new Wav(rate, 1, 16, pcm.array());
    }
}
