package dev.voicefarm.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import org.junit.jupiter.api.Test;

class NoopEngineTest {

    @Test
    void answersEveryTextWithTheSameAudibleShortWav() {
        NoopEngine engine = new NoopEngine();
        Wav first = engine.synthesize("Hello.", Language.EN);
        Wav second = engine.synthesize("Something else entirely.", Language.JA);
        assertArrayEquals(first.toBytes(), second.toBytes());
        assertEquals(0.25, first.durationSeconds(), 1e-3);
        assertTrue(first.rms() > 0.1, "a tone, not silence: rms " + first.rms());
        assertArrayEquals(first.toBytes(), Wav.parse(first.toBytes()).toBytes());
    }
}
