package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.voices.Voice;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where voices' records and files come from: S3 on a worker ({@link S3VoiceFiles}), a folder of the
 * same layout in tests. Failures other than {@link MissingFile} are transient (a retry can succeed).
 */
public interface VoiceFiles {

    /** The voice's record ({@code voice.json}), or empty when the tenant has no such voice. */
    Optional<Voice> voice(String tenant, String voiceId);

    /**
     * Writes one of the voice's files to {@code target}, whole or not at all.
     *
     * @throws MissingFile when the voice has no such file
     */
    void fetch(String tenant, String voiceId, int version, String name, Path target);

    /** The voice exists but this file of it does not: it is broken, and no retry mends it. */
    final class MissingFile extends RuntimeException {
        public MissingFile(String message) {
            super(message);
        }
    }
}
