package dev.voicefarm.gateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import redis.clients.jedis.exceptions.JedisException;

/** Every error leaves the gateway as JSON {@code {"error", "message"}}, whatever raised it. */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = body(e.status().getStatusCode(), e.code(), e.getMessage());
        if (e.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        }
        return response.build();
    }

    /** Redis holds job state and the routing table: without it the gateway can only ask for patience. */
    @ServerExceptionMapper
    public Response storeUnavailable(JedisException e) {
        LOG.warnf("Redis unreachable: %s", e.getMessage());
        return api(ApiException.unavailable("the job store is unreachable right now; try again shortly",
                Duration.ofSeconds(5)));
    }

    /** Unknown paths, wrong methods, unacceptable media types: keep their status, give our body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = Response.Status.fromStatusCode(status) == null
                ? "http_" + status
                : Response.Status.fromStatusCode(status).name().toLowerCase();
        return body(status, code, e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error while serving a request", e);
        return body(500, "internal", "the gateway failed unexpectedly; the error is logged").build();
    }

    private static Response.ResponseBuilder body(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message));
    }
}
