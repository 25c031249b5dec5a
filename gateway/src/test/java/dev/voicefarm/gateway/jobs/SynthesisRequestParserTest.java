package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.jobs.AudioOutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.common.voices.Voice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.ws.rs.core.Response.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SynthesisRequestParserTest {

    private static final Voice ALICE = Voice.trained("alice", "default", "Alice", "ja", 1, Instant.EPOCH, "d", "espeak-ng ja",
            22050, 60, 170, null);
    private final SynthesisRequestParser parser =
            new SynthesisRequestParser(id -> id.equals("alice") ? Optional.of(ALICE) : Optional.empty());

    @Test
    void readsAFullRequest() {
        SynthesisRequest request = parse("{\"text\": \"Hello there.\", \"language\": \"ja\", \"voice\": null}");
        assertEquals("Hello there.", request.text());
        assertEquals(Language.JA, request.language());
        assertNull(request.voice());
    }

    @Test
    void readsRequirements() {
        SynthesisRequest request = parse("{\"text\": \"Hi\", \"requirements\": "
                + "{\"classes\": [\"amd\", \"nvidia\", \"amd\"], \"minVramGb\": 8, \"allowCpuFallback\": false}}");
        assertEquals(List.of(HardwareClass.AMD, HardwareClass.NVIDIA), request.requirements().classes());
        assertEquals(8.0, request.requirements().minVramGb().orElseThrow());
        assertEquals(false, request.requirements().allowCpuFallback().orElseThrow());
    }

    @Test
    void audioOutputDefaultsToWavAtNormalSpeedNotStreamed() {
        assertEquals(AudioOutput.DEFAULT, parse("{\"text\": \"Hi\"}").output());
        assertEquals(new AudioOutput(AudioFormat.OPUS, 1.5, true),
                parse("{\"text\": \"Hi\", \"responseFormat\": \"opus\", \"speed\": 1.5, \"stream\": true}").output());
    }

    @Test
    void minVramWithAGpuClassAmongTheClassesKeepsEveryClass() {
        Requirements requirements = parse("{\"text\": \"Hi\", \"requirements\": "
                + "{\"classes\": [\"cpu\", \"nvidia\"], \"minVramGb\": 8}}").requirements();
        assertEquals(List.of(HardwareClass.CPU, HardwareClass.NVIDIA), requirements.classes());
    }

    @Test
    void minVramWithOnlyCpuClassesSaysWhy() {
        ApiException e = rejected("{\"text\": \"Hi\", \"requirements\": {\"classes\": [\"cpu\"], \"minVramGb\": 4}}",
                "invalid_requirement");
        assertEquals("CPU classes have no GPU memory; minVramGb needs a GPU class", e.getMessage());
    }

    @Test
    void requirementsAreOptional() {
        assertEquals(Requirements.NONE, parse("{\"text\": \"Hi\", \"requirements\": null}").requirements());
    }

    @Test
    void aTrainedVoiceSpeaksItsOwnLanguage() {
        SynthesisRequest request = parse("{\"text\": \"Hi\", \"voice\": \"alice\"}");
        assertEquals("alice", request.voice());
        assertEquals(Language.JA, request.language());
        rejected("{\"text\": \"Hi\", \"voice\": \"alice\", \"language\": \"en\"}", "voice_language_mismatch");
    }

    @Test
    void languageDefaultsToEnglish() {
        assertEquals(Language.EN, parse("{\"text\": \"Hi\"}").language());
    }

    @Test
    void acceptsTextAtTheLimitCountedInCharactersNotBytes() {
        String text = "語".repeat(SpeechText.MAX_CHARS);
        assertEquals(text, parse("{\"text\": \"" + text + "\", \"language\": \"zh\"}").text());
    }

    @Test
    void rejectsTextOverLimit() {
        String text = "a".repeat(SpeechText.MAX_CHARS + 1);
        ApiException e = rejected("{\"text\": \"" + text + "\"}", "text_too_long");
        assertTrue(e.getMessage().contains("4097") && e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void textProblemsKeepTheirMessages() {
        assertEquals("field 'text' is empty; give the words to speak", rejected("{\"text\": \" \"}", "empty_text")
                .getMessage());
        assertEquals("field 'text' contains control character U+0007",
                rejected("{\"text\": \"a\\u0007b\"}", "invalid_text").getMessage());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                          | malformed_json",
            "'{\"text\": \"hi\"'                          | malformed_json",
            "'not json'                                  | malformed_json",
            "'[\"hi\"]'                                  | invalid_request",
            "'\"hi\"'                                    | invalid_request",
            "'{}'                                        | missing_field",
            "'{\"text\": null}'                          | missing_field",
            "'{\"text\": \"\"}'                          | empty_text",
            "'{\"text\": \"   \\n  \"}'                  | empty_text",
            "'{\"text\": 42}'                            | wrong_type",
            "'{\"text\": [\"a\"]}'                       | wrong_type",
            "'{\"text\": \"hi\", \"language\": 7}'       | wrong_type",
            "'{\"text\": \"hi\", \"voice\": true}'       | wrong_type",
            "'{\"text\": \"hi\", \"language\": \"xx\"}'  | unsupported_language",
            "'{\"text\": \"hi\", \"language\": \"EN\"}'  | unsupported_language",
            "'{\"text\": \"hi\", \"voice\": \"bobby\"}'  | unknown_voice",
            "'{\"text\": \"hi\", \"pitch\": 2}'          | unknown_field",
            "'{\"text\": \"hi\", \"speed\": 5}'          | invalid_speed",
            "'{\"text\": \"hi\", \"speed\": 0.2}'        | invalid_speed",
            "'{\"text\": \"hi\", \"speed\": \"fast\"}'   | wrong_type",
            "'{\"text\": \"hi\", \"responseFormat\": \"ogg\"}' | unsupported_format",
            "'{\"text\": \"hi\", \"responseFormat\": 3}'  | wrong_type",
            "'{\"text\": \"hi\", \"stream\": \"yes\"}'   | wrong_type",
            "'{\"text\": \"a\\u0000b\"}'                 | invalid_text",
            "'{\"text\": \"hi\", \"requirements\": 1}'                              | wrong_type",
            "'{\"text\": \"hi\", \"requirements\": {\"classes\": []}}'            | wrong_type",
            "'{\"text\": \"hi\", \"requirements\": {\"classes\": [\"tpu\"]}}'   | unknown_class",
            "'{\"text\": \"hi\", \"requirements\": {\"classes\": [3]}}'           | wrong_type",
            "'{\"text\": \"hi\", \"requirements\": {\"minVramGb\": \"6\"}}'    | wrong_type",
            "'{\"text\": \"hi\", \"requirements\": {\"minVramGb\": -1}}'          | invalid_requirement",
            "'{\"text\": \"hi\", \"requirements\": {\"minVramGb\": 96}}'          | invalid_requirement",
            "'{\"text\": \"hi\", \"requirements\": {\"allowCpuFallback\": 1}}'    | wrong_type",
            "'{\"text\": \"hi\", \"requirements\": {\"classes\": [\"cpu\", \"apple-cpu\"], \"minVramGb\": 8}}' | invalid_requirement",
            "'{\"text\": \"hi\", \"requirements\": {\"gpus\": 2}}'                | unknown_field",
    })
    void rejectsBadRequestsWithA400ThatNamesTheProblem(String body, String code) {
        ApiException e = rejected(body, code);
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    void unsupportedLanguageListsTheSupportedOnes() {
        ApiException e = rejected("{\"text\": \"hi\", \"language\": \"xx\"}", "unsupported_language");
        assertTrue(e.getMessage().contains("en, zh"), e.getMessage());
    }

    @Test
    void readsAnOptionalWebhook() {
        assertEquals(java.net.URI.create("https://hooks.example.com/tts?x=1"),
                parse("{\"text\": \"Hi\", \"webhook\": \"https://hooks.example.com/tts?x=1\"}").webhook());
        assertNull(parse("{\"text\": \"Hi\", \"webhook\": null}").webhook());
        assertNull(parse("{\"text\": \"Hi\"}").webhook());
    }

    @Test
    void refusesAWebhookThatIsNotAnHttpUrl() {
        rejected("{\"text\": \"Hi\", \"webhook\": \"ftp://example.com/x\"}", "invalid_webhook");
        rejected("{\"text\": \"Hi\", \"webhook\": \"hooks.example.com\"}", "invalid_webhook");
        rejected("{\"text\": \"Hi\", \"webhook\": 42}", "wrong_type");
    }

    private ApiException rejected(String body, String code) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body));
        assertEquals(Status.BAD_REQUEST, e.status());
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private SynthesisRequest parse(String body) {
        return parser.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
