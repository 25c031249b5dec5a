package dev.voicefarm.common.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.Ffmpeg;
import org.junit.jupiter.api.Test;

class LoudnessTest {

    @Test
    void integratedLoudnessAgreesWithFfmpegsEbuR128Meter() throws Exception {
        for (double amplitude : new double[] {0.05, 0.3, 0.9}) {
            Wav wav = TestSignals.voiceLike(22_050, 4, amplitude);
            assertEquals(Ffmpeg.loudness(wav), Loudness.integrated(wav), 0.3, "amplitude " + amplitude);
        }
    }

    @Test
    void normalisedAudioIsAtTheTargetAndItsTruePeakUnderTheCeiling() throws Exception {
        // Quiet and loud, and a peaky one whose peaks sit far over its loudness, as eSpeak NG's do.
        for (Wav wav : new Wav[] {TestSignals.voiceLike(22_050, 4, 0.02), TestSignals.voiceLike(22_050, 4, 0.4),
                TestSignals.voiceLike(22_050, 4, 1.0), clicks(TestSignals.voiceLike(22_050, 4, 0.05))}) {
            Wav normalized = Loudness.normalize(wav);
            assertEquals(Loudness.TARGET_LUFS, Ffmpeg.loudness(normalized), 0.7, "from " + Ffmpeg.loudness(wav) + " LUFS, " + Ffmpeg.truePeak(wav) + " dBTP");
            assertTrue(Ffmpeg.truePeak(normalized) <= Loudness.CEILING_DBTP + 0.1, "true peak " + Ffmpeg.truePeak(normalized));
            assertTrue(20 * Math.log10(Loudness.truePeak(normalized)) <= Loudness.CEILING_DBTP + 0.01);
        }
    }

    /** Full-scale single-sample clicks every half second over the signal. */
    private static Wav clicks(Wav wav) {
        byte[] pcm = wav.pcm().clone();
        for (int i = 0; i < pcm.length / 2; i += (int) (0.5 * wav.sampleRate())) {
            pcm[2 * i] = (byte) 0xff;
            pcm[2 * i + 1] = 0x7f;
        }
        return new Wav(wav.sampleRate(), 1, 16, pcm);
    }

    @Test
    void silenceIsLeftAlone() {
        Wav silence = new Wav(22_050, 1, 16, new byte[44_100]);
        assertSame(silence, Loudness.normalize(silence));
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integrated(silence));
    }

    @Test
    void truePeakSeesTheOvershootBetweenSamples() {
        // A sine at a quarter of the rate, sampled 45° off its crests: every sample is at 0.707 of the crest.
        int n = 4000;
        java.nio.ByteBuffer pcm = java.nio.ByteBuffer.allocate(n * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            pcm.putShort((short) Math.round(16384 * Math.sin(Math.PI / 2 * i + Math.PI / 4)));
        }
        Wav wav = new Wav(48_000, 1, 16, pcm.array());
        assertEquals(16384 / 32768.0, Loudness.truePeak(wav), 0.02);
    }
}
