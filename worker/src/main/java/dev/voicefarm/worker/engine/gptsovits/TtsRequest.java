package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.voices.GptSovitsVoice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of api_v2's {@code POST /tts} for one sentence of a job.
 *
 * @param textLang GPT-SoVITS's language of the text: the farm's zh, en, ja, ko and yue are its own
 *                 codes; for the others it detects the language itself ({@code auto})
 */
record TtsRequest(String text, String textLang, Path referenceAudio, String promptText, String promptLang) {

    static TtsRequest of(String text, Language language, GptSovitsVoice voice, Path referenceAudio) {
        return new TtsRequest(text, textLang(language), referenceAudio, voice.promptText(), voice.promptLanguage());
    }

    static String textLang(Language language) {
        return switch (language) {
            case ZH, EN, JA, KO, YUE -> language.code();
            default -> "auto";
        };
    }

    String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("text_lang", textLang);
        body.put("ref_audio_path", referenceAudio.toAbsolutePath().toString());
        body.put("prompt_text", promptText == null ? "" : promptText);
        body.put("prompt_lang", promptLang);
        // The farm has split the text into sentences already: GPT-SoVITS must not split it again.
        body.put("text_split_method", "cut0");
        body.put("batch_size", 1);
        body.put("media_type", "wav");
        // Whole answers only: api_v2 streams from a generator of the shared pipeline, which a weights
        // switch could change under a stream still being sent.
        body.put("streaming_mode", false);
        body.put("speed_factor", 1.0);
        return Json.encode(body);
    }
}
