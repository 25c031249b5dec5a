package dev.voicefarm.gateway.voices;

import dev.voicefarm.common.voices.GptSovitsVersion;
import java.nio.file.Path;

/**
 * A voice import that passed every check, not stored yet.
 *
 * @param promptLanguage   in GPT-SoVITS's spelling (lower case)
 * @param referenceFormat  the clip's format as its extension names it ({@code wav}, {@code mp3}, ...)
 * @param referenceSeconds the clip's length as decoded
 */
public record ImportedVoice(String name, GptSovitsVersion modelVersion, String promptText, String promptLanguage,
                            Path gpt, Path sovits, Path reference, String referenceFormat, double referenceSeconds) {

    /** The clip's file name in the voice's folder: {@code reference.<format>}. */
    public String referenceFile() {
        return "reference." + referenceFormat;
    }
}
