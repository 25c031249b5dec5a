package dev.voicefarm.gateway.api;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A dataset upload is held in memory while it is read (the body, its WAV entries, the normalised
 * clips: a few hundred megabytes at the limits), so the gateway reads at most
 * {@code farm.gateway.concurrent-uploads} at once. The gate is taken when the request's headers
 * arrive, before a byte of its body is buffered, and given back as its answer starts or its
 * connection drops; an upload that finds it taken gets {@code 503 uploads_busy} with Retry-After
 * at once. This is what keeps a burst of large uploads from exhausting the heap.
 */
@ApplicationScoped
public class UploadGate {

    private static final int RETRY_AFTER_SECONDS = 5;

    private final Semaphore permits;

    public UploadGate(@ConfigProperty(name = "farm.gateway.concurrent-uploads", defaultValue = "1") int permits) {
        this.permits = new Semaphore(permits);
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/v1/datasets").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (!permits.tryAcquire()) {
            context.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            BodyLimits.refuse(context, 503, "uploads_busy", "the gateway is reading as many dataset uploads"
                    + " as it may at once; send this one again in a few seconds");
            return;
        }
        // Given back as the answer's headers go out, so a client that sends its next upload on
        // seeing the answer finds the gate open; or when the request ends without an answer.
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable release = () -> {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        };
        context.addHeadersEndHandler(headers -> release.run());
        context.addEndHandler(done -> release.run());
        context.next();
    }
}
