package dev.voicefarm.worker.engine.voice;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.audio.quality.Mcd;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.worker.engine.EspeakEngine;
import java.util.List;

/**
 * How close a trained voice comes to the speaker on held-out clips, against the untrained model
 * (the base eSpeak NG voice): mean MCD (dB) and F0 RMSE (Hz) before and after.
 */
public record VoiceEvaluation(int clips, double mcdBeforeDb, double mcdAfterDb, double f0RmseBeforeHz,
                              double f0RmseAfterHz) {

    public static VoiceEvaluation of(List<VoiceTrainer.Clip> heldOut, Language language, EspeakEngine espeak,
                                     FittedVoice voice) throws InterruptedException {
        double mcdBefore = 0;
        double mcdAfter = 0;
        double f0Before = 0;
        double f0After = 0;
        for (VoiceTrainer.Clip clip : heldOut) {
            Wav base = espeak.synthesize(clip.text(), language);
            Mcd.Distance before = Mcd.distance(base, clip.target());
            Mcd.Distance after = Mcd.distance(voice.speak(clip.text(), language), clip.target());
            mcdBefore += before.mcdDb();
            mcdAfter += after.mcdDb();
            f0Before += before.f0RmseHz();
            f0After += after.f0RmseHz();
        }
        int n = heldOut.size();
        return new VoiceEvaluation(n, mcdBefore / n, mcdAfter / n, f0Before / n, f0After / n);
    }
}
