package dev.voicefarm.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.audio.AudioEncoder;
import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.gateway.webhooks.WebhookUrl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The strict JSON reading every job request shares: the body, unknown fields, language, requirements, webhook, audio. */
public final class RequestFields {

    private static final Set<String> REQUIREMENT_FIELDS = Set.of("classes", "minVramGb", "allowCpuFallback");

    private RequestFields() {
    }

    static Requirements requirements(JsonNode node) {
        if (node == null || node.isNull()) {
            return Requirements.NONE;
        }
        if (!node.isObject()) {
            throw JsonBody.wrongType("requirements", "an object", node);
        }
        JsonBody.knownFields(node, REQUIREMENT_FIELDS, "requirements have classes, minVramGb and allowCpuFallback");
        List<HardwareClass> classes = classes(node.get("classes"));
        Optional<Double> minVramGb = minVramGb(node.get("minVramGb"));
        // A list with a GPU class is left whole: routing already skips the classes without the memory.
        if (minVramGb.isPresent() && !classes.isEmpty() && classes.stream().noneMatch(HardwareClass::gpu)) {
            throw ApiException.badRequest("invalid_requirement",
                    "CPU classes have no GPU memory; minVramGb needs a GPU class");
        }
        return new Requirements(classes, minVramGb, allowCpuFallback(node.get("allowCpuFallback")));
    }

    static List<HardwareClass> classes(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw JsonBody.wrongType("requirements.classes", "a non-empty array of hardware classes", node);
        }
        List<HardwareClass> classes = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw JsonBody.wrongType("requirements.classes", "an array of strings", element);
            }
            HardwareClass hardwareClass = HardwareClass.fromId(element.textValue()).orElseThrow(() ->
                    ApiException.badRequest("unknown_class", "hardware class '" + JsonBody.clip(element.textValue())
                            + "' does not exist; use nvidia, amd, apple-cpu or cpu"));
            if (!classes.contains(hardwareClass)) {
                classes.add(hardwareClass);
            }
        }
        return classes;
    }

    static Optional<Double> minVramGb(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw JsonBody.wrongType("requirements.minVramGb", "a number", node);
        }
        double gb = node.doubleValue();
        if (gb < 0 || gb > VramTiers.largest()) {
            throw ApiException.badRequest("invalid_requirement", "requirements.minVramGb is " + gb
                    + "; it must be between 0 and " + VramTiers.largest() + " (the largest GPU memory tier)");
        }
        return Optional.of(gb);
    }

    static Optional<Boolean> allowCpuFallback(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw JsonBody.wrongType("requirements.allowCpuFallback", "true or false", node);
        }
        return Optional.of(node.booleanValue());
    }

    /** The optional webhook URL ({@code null} without one); where it points is checked on admission. */
    static URI webhook(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType("webhook", "an https:// or http:// URL string", node);
        }
        return WebhookUrl.parse(node.textValue());
    }

    public static Language language(JsonNode node) {
        if (node == null || node.isNull()) {
            return Language.EN;
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType("language", "a language code string", node);
        }
        return Language.fromCode(node.textValue()).orElseThrow(() -> ApiException.badRequest(
                "unsupported_language",
                "language '" + JsonBody.clip(node.textValue()) + "' is not supported; use one of " + Language.codes()));
    }

    /** An audio format by its name ({@code mp3}, {@code opus}, ...), or {@code otherwise} when absent. */
    public static AudioFormat format(String field, JsonNode node, AudioFormat otherwise) {
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType(field, "a format name string", node);
        }
        return AudioFormat.fromId(node.textValue()).orElseThrow(() -> ApiException.badRequest("unsupported_format",
                "format '" + JsonBody.clip(node.textValue()) + "' is not supported; use one of " + AudioFormat.ids())
                .forParam(field));
    }

    /** A tempo factor from {@value AudioEncoder#MIN_SPEED} to {@value AudioEncoder#MAX_SPEED}, 1 when absent. */
    public static double speed(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return 1.0;
        }
        if (!node.isNumber()) {
            throw JsonBody.wrongType(field, "a number", node);
        }
        double speed = node.doubleValue();
        if (!(speed >= AudioEncoder.MIN_SPEED && speed <= AudioEncoder.MAX_SPEED)) {
            throw ApiException.badRequest("invalid_speed", field + " is " + speed + "; it must be between "
                    + AudioEncoder.MIN_SPEED + " and " + AudioEncoder.MAX_SPEED).forParam(field);
        }
        return speed;
    }
}
