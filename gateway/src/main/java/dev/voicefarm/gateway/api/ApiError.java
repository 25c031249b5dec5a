package dev.voicefarm.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error response: a stable machine code, a sentence for people and, when the
 * error is about one field or part of the request, its name ({@code param}, absent otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String param) {
}
