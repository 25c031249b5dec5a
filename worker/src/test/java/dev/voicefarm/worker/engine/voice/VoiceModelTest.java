package dev.voicefarm.worker.engine.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.audio.quality.Mcd;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.worker.engine.EspeakEngine;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The voice model archive, written in Java and run by DJL PyTorch on the CPU. */
class VoiceModelTest {

    private final Wav base = synthesize();

    private static Wav synthesize() {
        try {
            return new EspeakEngine("espeak-ng").synthesize("The untrained voice is the base voice.", Language.EN);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void untrainedModelReturnsTheBaseVoice() {
        try (LoadedVoice voice = LoadedVoice.load(VoiceModel.archive(VoiceModel.Weights.identity()), Device.cpu())) {
            Wav out = voice.apply(base);
            assertEquals(base.frames(), out.frames());
            assertEquals(base.sampleRate(), out.sampleRate());
            double mcd = Mcd.between(out, base);
            assertTrue(mcd < 0.5, "identity model moved the voice by " + mcd + " dB");
        }
    }

    @Test
    void aTrainedCorrectionChangesTheEnvelopeNotTheLength() {
        VoiceModel.Weights identity = VoiceModel.Weights.identity();
        Random random = new Random(7);
        float[] w1 = new float[identity.w1().length];
        float[] w2 = new float[identity.w2().length];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) random.nextGaussian() * 0.3f;
            w2[i] = (float) random.nextGaussian() * 0.05f;
        }
        VoiceModel.Weights shaped = new VoiceModel.Weights(w1, identity.b1(), w2, identity.b2(), identity.mean(),
                identity.std());
        try (LoadedVoice voice = LoadedVoice.load(VoiceModel.archive(shaped), Device.cpu())) {
            Wav out = voice.apply(base);
            assertEquals(base.frames(), out.frames());
            assertTrue(Mcd.between(out, base) > 1, "a non-zero correction left the voice unchanged");
        }
    }
}
