package dev.voicefarm.common.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoudnessTest {

    @Test
    void integratedLoudnessAgreesWithFfmpegsEbuR128Meter() throws Exception {
        for (double amplitude : new double[] {0.05, 0.3, 0.9}) {
            Wav wav = TestSignals.voiceLike(22_050, 4, amplitude);
            assertEquals(TestSignals.ffmpegLoudness(wav), Loudness.integrated(wav), 0.3, "amplitude " + amplitude);
        }
    }

    @Test
    void normalisedAudioIsAtTheTargetAndItsTruePeakUnderTheCeiling() throws Exception {
        for (double amplitude : new double[] {0.02, 0.4}) {
            Wav normalized = Loudness.normalize(TestSignals.voiceLike(22_050, 4, amplitude));
            double loudness = TestSignals.ffmpegLoudness(normalized);
            double peakDb = 20 * Math.log10(Loudness.truePeak(normalized));
            assertTrue(peakDb <= Loudness.CEILING_DBTP + 0.01, "true peak " + peakDb + " dBTP");
            assertTrue(Math.abs(loudness - Loudness.TARGET_LUFS) < 0.5 || peakDb > Loudness.CEILING_DBTP - 0.1,
                    "loudness " + loudness + " LUFS, peak " + peakDb + " dBTP");
        }
    }

    @Test
    void audioThatWouldPassTheCeilingAtTheTargetIsMadeQuieterInsteadOfClipped() {
        // A full-scale square-ish buzz: at -16 LUFS its peaks would be over full scale.
        Wav loud = TestSignals.voiceLike(22_050, 2, 1.0);
        Wav normalized = Loudness.normalize(loud);
        assertTrue(20 * Math.log10(Loudness.truePeak(normalized)) <= Loudness.CEILING_DBTP + 0.01);
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
