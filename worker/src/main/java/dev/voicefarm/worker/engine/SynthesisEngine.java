package dev.voicefarm.worker.engine;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;

/** Turns text into speech. Implementations are thread-safe; a call may be interrupted. */
public interface SynthesisEngine {

    /**
     * @throws EngineException when the text cannot be rendered; {@link EngineException#permanent()}
     *                         says whether trying again could help
     */
    Wav synthesize(String text, Language language) throws InterruptedException;
}
