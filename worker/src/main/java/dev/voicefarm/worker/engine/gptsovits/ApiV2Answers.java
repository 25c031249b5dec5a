package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.worker.engine.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an api_v2 answer other than success means. GPT-SoVITS refuses with {@code 400}
 * {@code {"message": ..., "Exception": ...}} (its checks, bad weights, a bad reference clip) and
 * FastAPI with {@code 422} {@code {"detail": [...]}} (a parameter of the wrong type): the same request
 * is refused again, so those are permanent. A refusal caused by memory, any 5xx, and anything that is
 * not JSON from a 5xx are the process's fault and worth a retry after a restart.
 */
final class ApiV2Answers {

    private static final int SHOWN_CHARS = 300;
    private static final List<String> MEMORY_CAUSES = List.of("out of memory", "can't allocate memory",
            "not enough memory");

    private ApiV2Answers() {
    }

    /**
     * Returns when the status is a success.
     *
     * @throws EngineException (permanent) when GPT-SoVITS refused the request
     * @throws ProcessFault    when the process failed
     */
    static void check(int status, byte[] body) throws ProcessFault {
        if (status >= 200 && status < 300) {
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (status >= 500) {
            throw new ProcessFault(ProcessFault.Kind.SERVER_ERROR, "GPT-SoVITS answered " + status + ": " + shown(text));
        }
        String reason = reason(status, text);
        if (MEMORY_CAUSES.stream().anyMatch(reason.toLowerCase(Locale.ROOT)::contains)) {
            throw new ProcessFault(ProcessFault.Kind.OUT_OF_MEMORY, "GPT-SoVITS ran out of memory: " + reason);
        }
        throw new EngineException("GPT-SoVITS refused: " + reason, true);
    }

    /** {@code message: Exception} of api_v2's JSON, FastAPI's {@code detail}, or the status and text. */
    static String reason(int status, String text) {
        Map<?, ?> json;
        try {
            json = Json.decode(text, Map.class);
        } catch (IllegalArgumentException e) {
            json = null;
        }
        if (json != null && json.get("message") != null) {
            Object exception = json.get("Exception");
            return json.get("message") + (exception == null ? "" : ": " + shown(String.valueOf(exception)));
        }
        if (json != null && json.get("detail") instanceof List<?> details) {
            StringBuilder joined = new StringBuilder("invalid request");
            for (Object detail : details) {
                if (detail instanceof Map<?, ?> entry) {
                    joined.append(joined.length() == "invalid request".length() ? ": " : "; ")
                            .append(entry.get("loc")).append(' ').append(entry.get("msg"));
                }
            }
            return shown(joined.toString());
        }
        if (json != null && json.get("detail") != null) {
            return "HTTP " + status + ": " + json.get("detail");
        }
        return "HTTP " + status + ": " + shown(text);
    }

    private static String shown(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= SHOWN_CHARS ? line : line.substring(0, SHOWN_CHARS) + "…";
    }
}
