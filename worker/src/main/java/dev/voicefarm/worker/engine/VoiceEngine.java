package dev.voicefarm.worker.engine;

import dev.voicefarm.common.fleet.EngineStatus;
import dev.voicefarm.common.voices.VoiceFamily;
import dev.voicefarm.worker.jobs.SynthesisHandler;
import java.util.List;

/**
 * The engine of one voice family on this worker: it speaks the family's voices and says in the
 * heartbeat what it holds, so routing can prefer this worker for those voices.
 */
public interface VoiceEngine extends SynthesisHandler.VoiceSpeaker {

    VoiceFamily family();

    /** The family, its versions and processes, as the heartbeat reports them. */
    EngineStatus status();

    /** The voices loaded now ({@link dev.voicefarm.common.voices.Voice#key}), most recently used last. */
    List<String> heldVoices();

    /** How often a voice was loaded that was not held: the voice switches routing by affinity saves. */
    long voiceLoads();

    /** How often a job's voice was already held: the voice cache's hits, beside {@link #voiceLoads} its misses. */
    long voiceHits();
}
