package dev.voicefarm.gateway.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.gateway.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeechRequestParserTest {

    private static final Voice NARRATOR = Voice.trained("v-1", "dev", "Narrator", "de", 1, Instant.EPOCH, "d-1", "de",
            22_050, 50, 175, null);
    private static final SpeechSettings SETTINGS = new SpeechSettings() {
        @Override
        public List<String> models() {
            return List.of("tts-1", "gpt-4o-mini-tts");
        }

        @Override
        public Map<String, String> voices() {
            return Map.of("alloy", "base", "onyx", "Narrator");
        }
    };

    private static SpeechRequest parse(String json) {
        return new SpeechRequestParser(SETTINGS, () -> List.of(NARRATOR)).parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException rejected(String json) {
        return assertThrows(ApiException.class, () -> parse(json));
    }

    @Test
    void minimalRequestIsMp3AtNormalSpeedStreamedInTheBaseVoice() {
        SpeechRequest request = parse("{\"model\": \"tts-1\", \"input\": \"Hello.\", \"voice\": \"alloy\"}");
        assertEquals(new AudioOutput(AudioFormat.MP3, 1.0, true), request.synthesis().output());
        assertNull(request.synthesis().voice());
        assertEquals(Language.EN, request.synthesis().language());
        assertFalse(request.sse());
    }

    @Test
    void voiceIsABuiltInNameMappedToATenantVoiceOrTheTenantsVoiceByIdOrName() {
        assertEquals("v-1", parse("{\"model\": \"tts-1\", \"input\": \"Hallo.\", \"voice\": \"onyx\"}").synthesis().voice());
        assertEquals("v-1", parse("{\"model\": \"tts-1\", \"input\": \"Hallo.\", \"voice\": \"v-1\"}").synthesis().voice());
        assertEquals("v-1", parse("{\"model\": \"tts-1\", \"input\": \"Hallo.\", \"voice\": {\"id\": \"Narrator\"}}")
                .synthesis().voice());
        assertNull(parse("{\"model\": \"tts-1\", \"input\": \"Hallo.\", \"voice\": \"ALLOY\"}").synthesis().voice(),
                "built-in names are matched in any case");
    }

    @Test
    void aTrainedVoiceSpeaksItsOwnLanguageAndTheBaseVoiceTheTextsScript() {
        assertEquals(Language.DE, parse("{\"model\": \"tts-1\", \"input\": \"Hallo.\", \"voice\": \"v-1\"}").synthesis().language());
        assertEquals(Language.JA, parse("{\"model\": \"tts-1\", \"input\": \"こんにちは、世界。\", \"voice\": \"alloy\"}")
                .synthesis().language());
        assertEquals(Language.ZH, parse("{\"model\": \"tts-1\", \"input\": \"你好，世界。\", \"voice\": \"alloy\"}")
                .synthesis().language());
        assertEquals(Language.KO, parse("{\"model\": \"tts-1\", \"input\": \"안녕하세요.\", \"voice\": \"alloy\"}")
                .synthesis().language());
    }

    @Test
    void everyOptionIsRead() {
        SpeechRequest request = parse("{\"model\": \"gpt-4o-mini-tts\", \"input\": \"Hi.\", \"voice\": \"alloy\","
                + " \"instructions\": \"Whisper.\", \"response_format\": \"opus\", \"speed\": 0.25, \"stream_format\": \"sse\"}");
        assertEquals(new AudioOutput(AudioFormat.OPUS, 0.25, true), request.synthesis().output());
        assertTrue(request.sse());
    }

    @ParameterizedTest(name = "{1} on {2}: {0}")
    @CsvSource(delimiter = '|', value = {
            "'{\"input\": \"Hi\", \"voice\": \"alloy\"}'                                    | missing_field         | model",
            "'{\"model\": \"tts-2\", \"input\": \"Hi\", \"voice\": \"alloy\"}'              | model_not_found       | model",
            "'{\"model\": \"tts-1\", \"voice\": \"alloy\"}'                                 | missing_field         | input",
            "'{\"model\": \"tts-1\", \"input\": \"\", \"voice\": \"alloy\"}'                | empty_text            | input",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\"}'                                    | missing_field         | voice",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\", \"voice\": \"bob\"}'                | unknown_voice         | voice",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\", \"voice\": {\"name\": \"x\"}}'      | wrong_type            | voice",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\", \"voice\": \"alloy\", \"speed\": 4.5}' | invalid_speed      | speed",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\", \"voice\": \"alloy\", \"response_format\": \"ogg\"}' | unsupported_format | response_format",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\", \"voice\": \"alloy\", \"stream_format\": \"chunks\"}' | invalid_stream_format | stream_format",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\", \"voice\": \"alloy\", \"instructions\": 3}' | wrong_type      | instructions",
            "'{\"model\": \"tts-1\", \"input\": \"Hi\", \"voice\": \"alloy\", \"user\": \"me\"}' | unknown_field      | user",
    })
    void badRequestsNameTheCodeAndTheParameter(String json, String code, String param) {
        ApiException e = rejected(json);
        assertEquals(400, e.status().getStatusCode());
        assertEquals(code, e.code());
        assertEquals(param, e.param());
    }
}
