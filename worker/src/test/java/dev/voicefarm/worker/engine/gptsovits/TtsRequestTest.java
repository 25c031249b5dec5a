package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.common.voices.GptSovitsVoice;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtsRequestTest {

    @Test
    void gptSovitsLanguagesPassAndTheRestAreDetected() {
        assertEquals("zh", TtsRequest.textLang(Language.ZH));
        assertEquals("en", TtsRequest.textLang(Language.EN));
        assertEquals("ja", TtsRequest.textLang(Language.JA));
        assertEquals("ko", TtsRequest.textLang(Language.KO));
        assertEquals("yue", TtsRequest.textLang(Language.YUE));
        assertEquals("auto", TtsRequest.textLang(Language.DE));
        assertEquals("auto", TtsRequest.textLang(Language.PT));
    }

    @Test
    void oneWholeWavForTheSentenceAsItIs() {
        GptSovitsVoice voice = new GptSovitsVoice(GptSovitsVersion.V2, "Hello there.", "en", "reference.wav", 4, 1, "a", 1, "b");
        Map<?, ?> body = Json.decode(TtsRequest.of("One sentence.", Language.EN, voice, Path.of("/cache/ref.wav")).json(), Map.class);
        assertEquals("One sentence.", body.get("text"));
        assertEquals("en", body.get("text_lang"));
        assertEquals("/cache/ref.wav", body.get("ref_audio_path"));
        assertEquals("Hello there.", body.get("prompt_text"));
        assertEquals("en", body.get("prompt_lang"));
        assertEquals("cut0", body.get("text_split_method"));
        assertEquals(1, body.get("batch_size"));
        assertEquals("wav", body.get("media_type"));
        assertEquals(false, body.get("streaming_mode"));
        assertEquals(1.0, body.get("speed_factor"));
    }
}
