package dev.voicefarm.gateway.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;

/** A request the gateway answers with an error status and an {@link ApiError} body. */
public final class ApiException extends RuntimeException {

    private final Response.StatusType status;
    private final String code;
    private final Duration retryAfter;
    private final String param;

    private ApiException(Response.StatusType status, String code, String message, Duration retryAfter, String param) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.param = param;
    }

    private ApiException(Response.StatusType status, String code, String message, Duration retryAfter) {
        this(status, code, message, retryAfter, null);
    }

    /** The same error, naming the request field it is about (OpenAI's error bodies say it). */
    public ApiException forParam(String field) {
        return new ApiException(status, code, getMessage(), retryAfter, field);
    }

    /** 422: the request was valid but its job could not be done; the message says why. */
    public static ApiException unprocessable(String code, String message) {
        return new ApiException(new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return 422;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.CLIENT_ERROR;
            }

            @Override
            public String getReasonPhrase() {
                return "Unprocessable Content";
            }
        }, code, message, null);
    }

    /** 504: the farm did not answer a request that waits for a job in time. */
    public static ApiException timeout(String message) {
        return new ApiException(Status.GATEWAY_TIMEOUT, "timeout", message, null);
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

    public Response.StatusType status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field the error is about, or {@code null}. */
    public String param() {
        return param;
    }

    /** How long the client should wait before trying again, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
