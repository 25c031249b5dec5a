package dev.voicefarm.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import org.junit.jupiter.api.Test;

/** Runs the real eSpeak NG binary (Debian package espeak-ng, installed by ./farm). */
class EspeakEngineTest {

    private final EspeakEngine engine = new EspeakEngine("espeak-ng");

    @Test
    void rendersSpeechThatIsNotSilence() throws Exception {
        Wav wav = engine.synthesize("The quick brown fox jumps over the lazy dog.", Language.EN);
        assertEquals(22050, wav.sampleRate());
        assertEquals(16, wav.bitsPerSample());
        assertTrue(wav.durationSeconds() > 1.0 && wav.durationSeconds() < 10.0, "duration " + wav.durationSeconds());
        assertTrue(wav.rms() > 0.01, "rms " + wav.rms());
    }

    @Test
    void textThatLooksLikeAnOptionIsSpokenNotParsed() throws Exception {
        assertTrue(engine.synthesize("--help -v xx", Language.EN).durationSeconds() > 0.3);
    }

    @Test
    void speaksEveryListedLanguage() throws Exception {
        for (Language language : Language.values()) {
            assertTrue(engine.synthesize("123", language).frames() > 0, language.code());
        }
    }

    @Test
    void punctuationAloneIsAPermanentFailure() {
        EngineException e = assertThrows(EngineException.class, () -> engine.synthesize(" ... ", Language.EN));
        assertTrue(e.permanent());
    }

    @Test
    void missingBinaryIsAnEngineFailure() {
        EngineException e = assertThrows(EngineException.class,
                () -> new EspeakEngine("/nonexistent/espeak-ng").synthesize("hi", Language.EN));
        assertTrue(e.getMessage().contains("cannot start"));
    }
}
