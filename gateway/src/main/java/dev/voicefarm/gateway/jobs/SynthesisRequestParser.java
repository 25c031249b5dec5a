package dev.voicefarm.gateway.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.api.ApiException;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads {@code POST /v1/synthesis} bodies strictly: a JSON object with {@code text} (a string of
 * 1 to {@value #MAX_TEXT_CHARS} characters, not only white space, no control characters other than
 * tab and line breaks), {@code language} (optional, default {@code en}) and {@code voice} (optional;
 * {@code null} is the base voice). Anything else is a 400 that names the problem.
 */
public final class SynthesisRequestParser {

    /** Long enough for a paragraph; longer texts belong in several jobs. */
    public static final int MAX_TEXT_CHARS = 2000;

    private static final Set<String> FIELDS = Set.of("text", "language", "voice");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public SynthesisRequest parse(String body) {
        JsonNode root = readObject(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown_field",
                        "unknown field '" + name + "'; a synthesis request has text, language and voice");
            }
        }
        return new SynthesisRequest(text(root.get("text")), language(root.get("language")), voice(root.get("voice")));
    }

    private static JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("malformed_json", "the request body is empty; send a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json",
                    "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid_request", "the request body must be a JSON object");
        }
        return root;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "field 'text' is required");
        }
        if (!node.isTextual()) {
            throw wrongType("text", "a string", node);
        }
        String text = node.textValue();
        if (text.isBlank()) {
            throw ApiException.badRequest("empty_text", "field 'text' is empty; give the words to speak");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT_CHARS) {
            throw ApiException.badRequest("text_too_long",
                    "field 'text' has " + length + " characters; the limit is " + MAX_TEXT_CHARS);
        }
        text.codePoints()
                .filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                .findFirst()
                .ifPresent(c -> {
                    throw ApiException.badRequest("invalid_text",
                            "field 'text' contains control character U+%04X".formatted(c));
                });
        return text;
    }

    private static Language language(JsonNode node) {
        if (node == null || node.isNull()) {
            return Language.EN;
        }
        if (!node.isTextual()) {
            throw wrongType("language", "a language code string", node);
        }
        return Language.fromCode(node.textValue()).orElseThrow(() -> ApiException.badRequest(
                "unsupported_language",
                "language '" + node.textValue() + "' is not supported; use one of " + Language.codes()));
    }

    private static String voice(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType("voice", "a voice id string or null", node);
        }
        throw ApiException.badRequest("unknown_voice",
                "voice '" + node.textValue() + "' does not exist; use null for the base voice");
    }

    private static ApiException wrongType(String field, String expected, JsonNode node) {
        return ApiException.badRequest("wrong_type",
                "field '" + field + "' must be " + expected + ", not " + node.getNodeType().name().toLowerCase());
    }
}
