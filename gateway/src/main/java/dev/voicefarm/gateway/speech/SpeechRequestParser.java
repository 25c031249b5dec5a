package dev.voicefarm.gateway.speech;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceFamily;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import dev.voicefarm.gateway.jobs.RequestFields;
import dev.voicefarm.gateway.jobs.SpeechText;
import dev.voicefarm.gateway.jobs.SynthesisRequest;
import dev.voicefarm.gateway.jobs.SynthesisRequestParser;
import dev.voicefarm.gateway.routing.Requirements;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads OpenAI's {@code POST /v1/audio/speech} body: {@code model} and {@code input} and
 * {@code voice} required; {@code instructions}, {@code response_format} (mp3 by default),
 * {@code speed} and {@code stream_format} optional. {@code instructions} is checked and not
 * honoured: the farm's voices take no style prompts. The job is always streamed, so the answer
 * starts with the first sentence.
 */
final class SpeechRequestParser {

    private static final Set<String> FIELDS = Set.of("model", "input", "voice", "instructions", "response_format",
            "speed", "stream_format");

    private final SpeechSettings settings;
    private final Supplier<List<Voice>> tenantVoices;

    /** @param tenantVoices the caller's trained voices, read only for a voice that is not the base voice */
    SpeechRequestParser(SpeechSettings settings, Supplier<List<Voice>> tenantVoices) {
        this.settings = settings;
        this.tenantVoices = tenantVoices;
    }

    SpeechRequest parse(byte[] body) {
        JsonNode root = JsonBody.object(body);
        JsonBody.knownFields(root, FIELDS, "a speech request has model, input, voice, instructions, response_format,"
                + " speed and stream_format");
        model(root.get("model"));
        String input = SynthesisRequestParser.text("input", root.get("input"));
        instructions(root.get("instructions"));
        Optional<Voice> voice = voice(root.get("voice"));
        Language language = voice.map(v -> Language.fromCode(v.language()).orElse(Language.EN))
                .orElseGet(() -> TextLanguage.of(input));
        AudioOutput output = new AudioOutput(RequestFields.format("response_format", root.get("response_format"), AudioFormat.MP3),
                RequestFields.speed("speed", root.get("speed")), true);
        SynthesisRequest synthesis = new SynthesisRequest(input, language, voice.map(Voice::id).orElse(null),
                voice.map(Voice::family).orElse(VoiceFamily.VOICEFARM),
                Requirements.NONE, output, null);
        return new SpeechRequest(synthesis, sse(root.get("stream_format")));
    }

    private void model(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "field 'model' is required").forParam("model");
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType("model", "a model name string", node);
        }
        if (!settings.models().contains(node.textValue())) {
            throw ApiException.badRequest("model_not_found", "model '" + JsonBody.clip(node.textValue())
                    + "' is not served here; use one of " + String.join(", ", settings.models())).forParam("model");
        }
    }

    private static void instructions(JsonNode node) {
        if (node != null && !node.isNull() && (!node.isTextual() || node.textValue().length() > SpeechText.MAX_CHARS)) {
            throw JsonBody.wrongType("instructions", "a string of at most " + SpeechText.MAX_CHARS + " characters", node);
        }
    }

    /** A name or {@code {"id": ...}}: a built-in name, else one of the tenant's voices by id, else by name. */
    private Optional<Voice> voice(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "field 'voice' is required").forParam("voice");
        }
        JsonNode named = node.isObject() ? node.get("id") : node;
        if (node.isObject() && node.size() != 1 || named == null || !named.isTextual()) {
            throw JsonBody.wrongType("voice", "a voice name or {\"id\": \"<voice id>\"}", node);
        }
        String name = named.textValue();
        String mapped = settings.voices().get(name.toLowerCase(Locale.ROOT));
        if (SpeechSettings.BASE_VOICE.equals(mapped)) {
            return Optional.empty();
        }
        String wanted = mapped == null ? name : mapped;
        List<Voice> voices = tenantVoices.get();
        return Optional.of(voices.stream().filter(v -> v.id().equals(wanted)).findFirst()
                .or(() -> voices.stream().filter(v -> wanted.equals(v.name())).findFirst())
                .orElseThrow(() -> ApiException.badRequest("unknown_voice", "voice '" + JsonBody.clip(name)
                        + "' does not exist; GET /v1/audio/voices lists the voices").forParam("voice")));
    }

    private static boolean sse(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isTextual() || !Set.of("audio", "sse").contains(node.textValue())) {
            throw ApiException.badRequest("invalid_stream_format", "stream_format must be 'audio' or 'sse'")
                    .forParam("stream_format");
        }
        return node.textValue().equals("sse");
    }
}
