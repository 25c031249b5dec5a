package dev.voicefarm.gateway.api;

import dev.voicefarm.common.json.Json;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Body sizes, checked from {@code Content-Length} before a byte of the body is read: a JSON
 * request is a few kilobytes ({@value JsonBody#MAX_BYTES} at most), only dataset uploads may be large
 * (up to {@code quarkus.http.limits.max-body-size}). The check runs just before Quarkus' own limit
 * so that the 413 has the API's JSON body. A body without a declared length (chunked) is
 * {@code 411 length_required}: its size would only be known once it was buffered.
 */
@ApplicationScoped
public class BodyLimits {

    private static final String DATASETS = "/v1/datasets";

    private final long maxUploadBytes;

    public BodyLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxUpload) {
        this.maxUploadBytes = maxUpload.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        boolean upload = context.request().path().startsWith(DATASETS);
        long limit = upload ? maxUploadBytes : JsonBody.MAX_BYTES;
        if (length == null && context.request().getHeader("Transfer-Encoding") != null) {
            // A chunked body's size is known only once it is buffered: every body must say it first.
            refuse(context, 411, "length_required", "send the request body with a Content-Length header");
        } else if (length != null && declared(length) > limit) {
            String what = upload ? "dataset uploads are" : "JSON requests are";
            refuse(context, 413, "body_too_large",
                    "the request body is over the limit: " + what + " limited to " + limit + " bytes");
        } else {
            context.next();
        }
    }

    /**
     * Answers with the API's JSON error before the body is read, and closes rather than wait for
     * bytes nobody wants: for the checks that run on the HTTP layer, ahead of any resource.
     */
    static void refuse(RoutingContext context, int status, String code, String message) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(Json.encode(ErrorBodies.of(context.request().path(), status, code, message, null)))
                .onComplete(sent -> context.request().connection().close());
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
