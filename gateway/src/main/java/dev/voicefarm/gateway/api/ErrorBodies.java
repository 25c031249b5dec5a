package dev.voicefarm.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one rule for what an error body looks like: the farm's {@code {"error", "message", "param"}}
 * ({@link ApiError}; {@code param} only when the error names a field), or, under {@value #OPENAI_PATHS}, OpenAI's
 * {@code {"error": {"message", "type", "param", "code"}}}, which OpenAI's SDKs read.
 */
public final class ErrorBodies {

    /** Where the gateway answers as OpenAI's API does. */
    public static final String OPENAI_PATHS = "/v1/audio/";

    private ErrorBodies() {
    }

    /** OpenAI's error body. */
    public record OpenAiError(Detail error) {

        @JsonInclude(JsonInclude.Include.ALWAYS)
        public record Detail(String message, String type, String param, String code) {
        }
    }

    public static Object of(String path, int status, String code, String message, String param) {
        if (path == null || !path.startsWith(OPENAI_PATHS)) {
            return new ApiError(code, message, param);
        }
        return new OpenAiError(new OpenAiError.Detail(message, openAiType(status), param, code));
    }

    /** OpenAI's error types; its SDKs pick the exception class by status, the type is for people. */
    private static String openAiType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
