package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.metrics.GatewayMetrics;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import redis.clients.jedis.exceptions.JedisException;

/** Every error leaves the gateway as JSON {@code {"error", "message"}} (and {@code "param"}), whatever raised it. */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private final GatewayMetrics metrics;

    public ErrorResponses(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        Response.ResponseBuilder response = body(request, e.status().getStatusCode(), e.code(), e.getMessage(), e.param());
        if (e.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        }
        if (e.status() == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    /** Redis holds job state and the routing table: without it the gateway can only ask for patience. */
    @ServerExceptionMapper
    public Response storeUnavailable(JedisException e, HttpServerRequest request) {
        LOG.warnf("Redis unreachable: %s", e.getMessage());
        return api(ApiException.unavailable("the job store is unreachable right now; try again shortly",
                Duration.ofSeconds(5)), request);
    }

    /** Unknown paths, wrong methods, unacceptable media types: keep their status, give our body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        return body(request, status, code(status), message(status), null).build();
    }

    /**
     * Anything else. A client that hung up mid-request is routine, not an error of the gateway;
     * the rest is logged with its stack here and answered without it: no internal detail leaves.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        if (clientWentAway(e)) {
            LOG.debugf("client closed the connection: %s", e.getMessage());
        } else {
            LOG.error("unexpected error while serving a request", e);
        }
        return body(request, 500, "internal", "the gateway failed unexpectedly; the error is logged", null).build();
    }

    private static String code(int status) {
        if (status == 413) {
            return "body_too_large"; // as BodyLimits says it: a form's text part over its limit comes this way
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "http_" + status : known.name().toLowerCase();
    }

    private static String message(int status) {
        return switch (status) {
            case 404 -> "no such endpoint; the API is under /v1 (see the README)";
            case 405 -> "this endpoint does not take that HTTP method";
            case 406 -> "this endpoint answers application/json only";
            case 413 -> "the request body is over the gateway's limit";
            case 415 -> "wrong Content-Type: JSON endpoints take application/json, dataset uploads application/zip,"
                    + " voice imports multipart/form-data or application/zip";
            default -> "the request was refused with HTTP status " + status;
        };
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException
                    || cause.getClass().getName().equals("io.vertx.core.VertxException")
                    && String.valueOf(cause.getMessage()).contains("Connection was closed")) {
                return true;
            }
        }
        return false;
    }

    /** Every error answer of a resource is made here, so every one is counted (BodyLimits' refusals on the HTTP layer are not). */
    private Response.ResponseBuilder body(HttpServerRequest request, int status, String code, String message,
                                          String param) {
        metrics.rejected(status, code);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBodies.of(request.path(), status, code, message, param));
    }
}
