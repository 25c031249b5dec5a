package dev.voicefarm.gateway.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.gateway.routing.Requirements;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code POST /v1/synthesis} bodies strictly: a JSON object with {@code text} (a string of
 * 1 to {@value #MAX_TEXT_CHARS} characters, not only white space, no control characters other than
 * tab and line breaks), {@code language} (optional, default {@code en}) and {@code voice} (optional;
 * {@code null} is the base voice) and {@code requirements} (optional: {@code classes},
 * {@code minVramGb}, {@code allowCpuFallback}). Anything else is a 400 that names the problem.
 */
public final class SynthesisRequestParser {

    /** Long enough for a paragraph; longer texts belong in several jobs. */
    public static final int MAX_TEXT_CHARS = 2000;

    private static final Set<String> FIELDS = Set.of("text", "language", "voice", "requirements");
    private static final Set<String> REQUIREMENT_FIELDS = Set.of("classes", "minVramGb", "allowCpuFallback");
    private static final double MAX_VRAM_GB = 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public SynthesisRequest parse(String body) {
        JsonNode root = readObject(body);
        knownFields(root, FIELDS, "a synthesis request has text, language, voice and requirements");
        return new SynthesisRequest(text(root.get("text")), language(root.get("language")), voice(root.get("voice")),
                requirements(root.get("requirements")));
    }

    private static void knownFields(JsonNode object, Set<String> fields, String expected) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown_field", "unknown field '" + name + "'; " + expected);
            }
        }
    }

    private static Requirements requirements(JsonNode node) {
        if (node == null || node.isNull()) {
            return Requirements.NONE;
        }
        if (!node.isObject()) {
            throw wrongType("requirements", "an object", node);
        }
        knownFields(node, REQUIREMENT_FIELDS, "requirements have classes, minVramGb and allowCpuFallback");
        return new Requirements(classes(node.get("classes")), minVramGb(node.get("minVramGb")),
                allowCpuFallback(node.get("allowCpuFallback")));
    }

    private static List<HardwareClass> classes(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw wrongType("requirements.classes", "a non-empty array of hardware classes", node);
        }
        List<HardwareClass> classes = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw wrongType("requirements.classes", "an array of strings", element);
            }
            HardwareClass hardwareClass = HardwareClass.fromId(element.textValue()).orElseThrow(() ->
                    ApiException.badRequest("unknown_class", "hardware class '" + element.textValue()
                            + "' does not exist; use nvidia, amd, apple-cpu or cpu"));
            if (!classes.contains(hardwareClass)) {
                classes.add(hardwareClass);
            }
        }
        return classes;
    }

    private static Optional<Double> minVramGb(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw wrongType("requirements.minVramGb", "a number", node);
        }
        double gb = node.doubleValue();
        if (gb < 0 || gb > MAX_VRAM_GB) {
            throw ApiException.badRequest("invalid_requirement",
                    "requirements.minVramGb is " + gb + "; it must be between 0 and " + MAX_VRAM_GB);
        }
        return Optional.of(gb);
    }

    private static Optional<Boolean> allowCpuFallback(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrongType("requirements.allowCpuFallback", "true or false", node);
        }
        return Optional.of(node.booleanValue());
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
