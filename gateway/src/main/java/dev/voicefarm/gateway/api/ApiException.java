package dev.voicefarm.gateway.api;

import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;

/** A request the gateway answers with an error status and an {@link ApiError} body. */
public final class ApiException extends RuntimeException {

    private final Status status;
    private final String code;
    private final Duration retryAfter;

    private ApiException(Status status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Status.BAD_REQUEST, code, message, null);
    }

    /** 401: no key, or one the farm does not know (or that was revoked). */
    public static ApiException unauthorized(String code, String message) {
        return new ApiException(Status.UNAUTHORIZED, code, message, null);
    }

    /** 403: a valid key whose role may not do this. */
    public static ApiException forbidden(String message) {
        return new ApiException(Status.FORBIDDEN, "forbidden", message, null);
    }

    /** 429: over a quota or rate limit; {@code retryAfter} says when it is worth trying again. */
    public static ApiException tooManyRequests(String code, String message, Duration retryAfter) {
        return new ApiException(Status.TOO_MANY_REQUESTS, code, message, retryAfter);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "body_too_large", message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Status.NOT_FOUND, "not_found", message, null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(Status.CONFLICT, code, message, null);
    }

    public static ApiException unavailable(String message, Duration retryAfter) {
        return unavailable("unavailable", message, retryAfter);
    }

    /** A 503 whose code tells the client which part of the farm is missing. */
    public static ApiException unavailable(String code, String message, Duration retryAfter) {
        return new ApiException(Status.SERVICE_UNAVAILABLE, code, message, retryAfter);
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** How long the client should wait before trying again, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
