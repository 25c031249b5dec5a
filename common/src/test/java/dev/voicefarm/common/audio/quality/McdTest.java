package dev.voicefarm.common.audio.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On real eSpeak NG renderings (Debian espeak-ng, installed by ./farm). */
class McdTest {

    private static final String SENTENCE = "The farm renders this sentence in several voices.";

    private static Wav espeak(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("espeak-ng", "--stdout"));
        command.addAll(List.of(options));
        command.add(SENTENCE);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream out = process.getInputStream()) {
            byte[] bytes = out.readAllBytes();
            process.waitFor();
            return Wav.parse(bytes);
        }
    }

    @Test
    void fftInvertsItself() {
        double[] re = {1, 2, 3, 4, 0, -1, -2, 5};
        double[] im = new double[8];
        double[] original = re.clone();
        Fft.transform(re, im, false);
        assertEquals(12, re[0], 1e-12);
        Fft.transform(re, im, true);
        assertArrayEquals(original, re, 1e-12);
    }

    @Test
    void dtwPairsTheSameSequenceWithItselfDiagonally() {
        double[][] frames = {{0, 1}, {0, 2}, {0, 3}};
        List<int[]> path = Dtw.align(frames, frames, 1, 2);
        assertEquals(3, path.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new int[] {i, i}, path.get(i));
        }
    }

    @Test
    void sameRenderingIsZeroDistortion() throws Exception {
        Wav base = espeak("-v", "en-us");
        assertEquals(0.0, Mcd.between(base, base), 1e-9);
    }

    @Test
    void anotherSpeakerIsFartherThanTheSameVoiceAtAnotherSpeed() throws Exception {
        Wav base = espeak("-v", "en-us");
        double sameVoiceFaster = Mcd.between(espeak("-v", "en-us", "-s", "190"), base);
        double otherSpeaker = Mcd.between(espeak("-v", "en-us+f3", "-p", "70"), base);
        assertTrue(sameVoiceFaster < 3, "same voice, other speed: " + sameVoiceFaster + " dB");
        assertTrue(otherSpeaker > 4 && otherSpeaker < 15, "other speaker: " + otherSpeaker + " dB");
        assertTrue(otherSpeaker > sameVoiceFaster + 2, otherSpeaker + " vs " + sameVoiceFaster);
        System.out.printf("MCD to en-us: en-us at speed 190 %.2f dB, en-us+f3 pitch 70 %.2f dB%n", sameVoiceFaster, otherSpeaker);
    }

    @Test
    void f0ErrorSeesAPitchChange() throws Exception {
        Wav base = espeak("-v", "en-us", "-p", "50");
        Mcd.Distance samePitch = Mcd.distance(espeak("-v", "en-us", "-p", "50", "-s", "190"), base);
        Mcd.Distance higher = Mcd.distance(espeak("-v", "en-us", "-p", "90"), base);
        assertTrue(samePitch.f0RmseHz() < higher.f0RmseHz(), samePitch + " vs " + higher);
        assertTrue(higher.f0RmseHz() > 15, higher.toString());
        System.out.printf("F0 RMSE to en-us -p 50: -s 190 %.1f Hz, -p 90 %.1f Hz%n", samePitch.f0RmseHz(), higher.f0RmseHz());
    }
}
