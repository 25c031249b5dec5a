package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns a gateway's error answer into one line. The farm's API answers
 * {@code {"error": "<code>", "message": "…", "param": "…"}}; its OpenAI-compatible paths nest the same
 * under {@code error}. A body that is neither (a proxy's HTML page, say) is named by its status.
 */
final class GatewayError {

    /** Bodies are clipped to this in messages: a proxy's error page is no message. */
    private static final int MAX_UNKNOWN_BODY = 200;

    private GatewayError() {
    }

    static CliException of(int status, byte[] body) {
        JsonNode root = parse(body);
        JsonNode error = root == null ? null : root.get("error");
        JsonNode fields = error != null && error.isObject() ? error : root;
        String code = error != null && error.isTextual() ? error.textValue() : text(fields, "code");
        String message = text(fields, "message");
        if (code == null || message == null) {
            String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return new CliException("http_" + status, "the gateway answered " + status
                    + (text.isEmpty() ? " with no body" : ": " + clip(text)));
        }
        String param = text(fields, "param");
        return new CliException(code, param == null || message.contains(param) ? message : message + " (param " + param + ")");
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String clip(String text) {
        return text.length() <= MAX_UNKNOWN_BODY ? text : text.substring(0, MAX_UNKNOWN_BODY) + "…";
    }
}
