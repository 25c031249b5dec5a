package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.voices.VoiceImportSettings;
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
 * Uploads the gateway reads at once, each kind behind its own gate. A dataset upload is held in
 * memory while it is read (the body, its WAV entries, the normalised clips: a few hundred megabytes
 * at the limits), so at most {@code farm.gateway.concurrent-uploads} are read at once. A voice
 * import goes to disk instead (up to about 2 GB, twice that for a zip that is unpacked) and is
 * hashed and decoded there, so at most {@code farm.gateway.voice-import.concurrent-imports} are
 * read at once. A gate is taken when the request's headers arrive, before a byte of its body is
 * buffered, and given back as its answer starts or its connection drops; an upload that finds it
 * taken gets {@code 503 uploads_busy} with Retry-After at once. This is what keeps a burst of large
 * uploads from exhausting the heap or the disk.
 */
@ApplicationScoped
public class UploadGate {

    private static final int RETRY_AFTER_SECONDS = 5;

    private final Semaphore datasets;
    private final Semaphore voiceImports;

    public UploadGate(@ConfigProperty(name = "farm.gateway.concurrent-uploads", defaultValue = "1") int datasets,
                      VoiceImportSettings voiceImports) {
        this.datasets = new Semaphore(datasets);
        this.voiceImports = new Semaphore(voiceImports.concurrentImports());
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/v1/datasets").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> admit(context, datasets, "dataset uploads"));
        router.route(HttpMethod.POST, "/v1/voices").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> admit(context, voiceImports, "voice imports"));
    }

    private static void admit(RoutingContext context, Semaphore permits, String uploads) {
        if (!permits.tryAcquire()) {
            context.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            BodyLimits.refuse(context, 503, "uploads_busy", "the gateway is reading as many " + uploads
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
