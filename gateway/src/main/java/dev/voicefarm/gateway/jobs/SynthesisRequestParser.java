package dev.voicefarm.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code POST /v1/synthesis} bodies strictly: a JSON object with {@code text} (a string of
 * 1 to {@value SpeechText#MAX_CHARS} characters that follows the {@link SpeechText} rules),
 * {@code language} (optional, default {@code en}, or the voice's), {@code voice}
 * (optional: a trained voice's id; {@code null} is the base voice), {@code requirements} (optional: {@code classes},
 * {@code minVramGb}, {@code allowCpuFallback}), {@code responseFormat} (optional, {@code wav} by default),
 * {@code speed} (optional, 0.25 to 4), {@code stream} (optional, false by default: whether the
 * audio can be listened to while it is made) and {@code webhook} (optional, see {@code WebhookUrl}).
 * Anything else is a 400 that names the problem.
 */
public final class SynthesisRequestParser {

    private static final Set<String> FIELDS = Set.of("text", "language", "voice", "requirements", "responseFormat",
            "speed", "stream", "webhook");

    private final Function<String, Optional<Voice>> voices;

    /** @param voices finds a trained voice by id */
    public SynthesisRequestParser(Function<String, Optional<Voice>> voices) {
        this.voices = voices;
    }

    public SynthesisRequest parse(byte[] body) {
        JsonNode root = JsonBody.object(body);
        JsonBody.knownFields(root, FIELDS,
                "a synthesis request has text, language, voice, requirements, responseFormat, speed, stream and webhook");
        String text = text(root.get("text"));
        Optional<Voice> voice = voice(root.get("voice"));
        JsonNode languageField = root.get("language");
        Language language = RequestFields.language(languageField);
        if (voice.isPresent()) {
            Language spoken = Language.fromCode(voice.get().language()).orElse(Language.EN);
            boolean named = languageField != null && !languageField.isNull();
            if (named && language != spoken) {
                throw ApiException.badRequest("voice_language_mismatch", "voice '" + voice.get().id() + "' speaks "
                        + spoken.code() + ", not " + language.code() + "; leave language out or use " + spoken.code());
            }
            language = spoken;
        }
        AudioOutput output = new AudioOutput(RequestFields.format("responseFormat", root.get("responseFormat"), AudioFormat.WAV),
                RequestFields.speed("speed", root.get("speed")), stream(root.get("stream")));
        return new SynthesisRequest(text, language, voice.map(Voice::id).orElse(null),
                voice.map(Voice::family).orElse(VoiceFamily.VOICEFARM),
                RequestFields.requirements(root.get("requirements")), output, RequestFields.webhook(root.get("webhook")));
    }

    private static boolean stream(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw JsonBody.wrongType("stream", "true or false", node);
        }
        return node.booleanValue();
    }

    /** The text rules of every synthesis request, this API's and OpenAI's. */
    public static String text(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "field '" + field + "' is required").forParam(field);
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType(field, "a string", node);
        }
        String text = node.textValue();
        SpeechText.check(text).ifPresent(problem -> {
            throw ApiException.badRequest(problem.code(), "field '" + field + "' " + problem.description()).forParam(field);
        });
        return text;
    }

    private static String text(JsonNode node) {
        return text("text", node);
    }

    private Optional<Voice> voice(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType("voice", "a voice id string or null", node);
        }
        return Optional.of(voices.apply(node.textValue()).orElseThrow(() -> ApiException.badRequest("unknown_voice",
                "voice '" + JsonBody.clip(node.textValue()) + "' does not exist; GET /v1/voices lists the voices, null is the base voice")));
    }

}
