package dev.voicefarm.worker.engine.voice;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.worker.engine.EspeakEngine;

/**
 * A trained voice speaking: eSpeak NG renders the text at the voice's pitch and speed, and the
 * voice model reshapes that rendering's spectral envelope. Thread-safe: one call at a time uses the
 * model.
 */
public final class FittedVoice implements AutoCloseable {

    private final EspeakEngine espeak;
    private final LoadedVoice model;
    private final int pitch;
    private final int speed;

    public FittedVoice(EspeakEngine espeak, LoadedVoice model, int pitch, int speed) {
        this.espeak = espeak;
        this.model = model;
        this.pitch = pitch;
        this.speed = speed;
    }

    public Wav speak(String text, Language language) throws InterruptedException {
        Wav base = espeak.render(text, language, pitch, speed);
        synchronized (model) {
            return model.apply(base);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
