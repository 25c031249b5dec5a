package dev.voicefarm.gateway.speech;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Map;

/** How OpenAI's speech API maps onto the farm ({@code farm.speech.*}). */
@ConfigMapping(prefix = "farm.speech")
public interface SpeechSettings {

    /** What {@link #voices()} maps a name to for the eSpeak NG base voice. */
    String BASE_VOICE = "base";

    /** The {@code model} names accepted: OpenAI's and the farm's own; every one speaks with the farm's voices. */
    List<String> models();

    /**
     * OpenAI's built-in voice names (lower case) and what each speaks: {@value #BASE_VOICE}, or the
     * id or name of one of the caller's voices.
     */
    Map<String, String> voices();
}
