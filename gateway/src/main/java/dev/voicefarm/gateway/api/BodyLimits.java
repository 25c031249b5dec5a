package dev.voicefarm.gateway.api;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.gateway.voices.VoiceImportSettings;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Body sizes, checked from {@code Content-Length} before a byte of the body is read: a JSON
 * request is a few kilobytes ({@value JsonBody#MAX_BYTES} at most); dataset uploads may be up to
 * {@code farm.gateway.datasets.max-body-size} and voice imports ({@code POST /v1/voices}) up to
 * {@code farm.gateway.voice-import.max-request-size}. Quarkus' own limit,
 * {@code quarkus.http.limits.max-body-size}, is only the ceiling over all of them (it is what its
 * multipart reader stops at too): this check runs just before Quarkus' so that each path gets its
 * own limit and the 413 has the API's JSON body. A body without a declared length (chunked) is
 * {@code 411 length_required}: its size would only be known once it was buffered.
 */
@ApplicationScoped
public class BodyLimits {

    private static final String DATASETS = "/v1/datasets";
    private static final String VOICES = "/v1/voices";

    private final long maxDatasetBytes;
    private final long maxVoiceImportBytes;

    public BodyLimits(@ConfigProperty(name = "farm.gateway.datasets.max-body-size") MemorySize maxDataset,
                      VoiceImportSettings voiceImports) {
        this.maxDatasetBytes = maxDataset.asLongValue();
        this.maxVoiceImportBytes = voiceImports.maxRequestSize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::check);
    }

    /** The largest body a request may declare, and what to call those requests in the 413. */
    private record Limit(long bytes, String what) {
    }

    private Limit limit(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith(DATASETS)) {
            return new Limit(maxDatasetBytes, "dataset uploads are");
        }
        if (path.equals(VOICES) && request.method() == HttpMethod.POST) {
            return new Limit(maxVoiceImportBytes, "voice imports are");
        }
        return new Limit(JsonBody.MAX_BYTES, "JSON requests are");
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        Limit limit = limit(context.request());
        if (length == null && context.request().getHeader("Transfer-Encoding") != null) {
            // A chunked body's size is known only once it is buffered: every body must say it first.
            refuse(context, 411, "length_required", "send the request body with a Content-Length header");
        } else if (length != null && declared(length) > limit.bytes()) {
            refuse(context, 413, "body_too_large",
                    "the request body is over the limit: " + limit.what() + " limited to " + limit.bytes() + " bytes");
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
