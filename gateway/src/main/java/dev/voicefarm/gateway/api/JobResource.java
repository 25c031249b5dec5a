package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.jobs.JobCancellation;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.JobScope;
import dev.voicefarm.gateway.jobs.JobViews;
import dev.voicefarm.gateway.tenants.CallerContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.voicefarm.gateway.streaming.JobEventStream;
import dev.voicefarm.gateway.streaming.LiveAudio;
import dev.voicefarm.gateway.streaming.SseWriter;
import dev.voicefarm.gateway.streaming.Streamed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import java.net.URI;

/**
 * {@code GET /v1/jobs/{id}} and its audio; {@code DELETE /v1/jobs/{id}} cancels the job. Another
 * tenant's job is a 404, exactly as an unknown id, except to admin keys ({@link JobScope}); only admin
 * keys see which worker ran a job.
 */
@Path("/v1/jobs/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobViews views;
    private final JobCancellation cancellation;
    private final CallerContext caller;
    private final LiveAudio live;
    private final JobEventStream events;

    public JobResource(JobViews views, JobCancellation cancellation, CallerContext caller, LiveAudio live,
                       JobEventStream events) {
        this.views = views;
        this.cancellation = cancellation;
        this.caller = caller;
        this.live = live;
        this.events = events;
    }

    @GET
    public JobView get(@PathParam("id") String id) {
        return shown(views.find(scope(), id));
    }

    /** 200 with the CANCELLED job; 409 when it had already finished. */
    @DELETE
    public JobView cancel(@PathParam("id") String id) {
        cancellation.cancel(scope(), id);
        return shown(views.find(scope(), id));
    }

    private JobScope scope() {
        return JobScope.of(caller.get());
    }

    private JobView shown(JobView job) {
        return job.shownTo(caller.get());
    }

    /**
     * 303 to a short-lived presigned URL of the audio file; 409 while the job has none. With
     * {@code ?stream=true}, a job submitted with {@code "stream": true} answers 200 with its audio
     * as it is made (chunked), from its first sentence on; a finished or unstreamed one is answered
     * as without.
     */
    @GET
    @Path("/audio")
    @Produces(MediaType.WILDCARD)
    public Response audio(@PathParam("id") String id, @QueryParam("stream") boolean stream) throws InterruptedException {
        if (stream) {
            views.record(scope(), id);
            if (live.await(id) instanceof LiveAudio.Playing playing) {
                return Response.ok(Streamed.body(out -> live.play(playing, out)), playing.output().format().contentType())
                        .build();
            }
        }
        return Response.seeOther(URI.create(views.audioUrl(scope(), id))).build();
    }

    /**
     * The job's changes as server-sent events ({@link JobEventStream}), resumed after
     * {@code Last-Event-ID}; the stream ends after the terminal state.
     */
    @GET
    @Path("/events")
    @Produces(SseWriter.MEDIA_TYPE)
    public Response events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId) {
        views.record(scope(), id);
        long after = JobEventStream.resumeAfter(lastEventId);
        return Response.ok(Streamed.body(out -> events.send(id, after, out)), SseWriter.MEDIA_TYPE).header("Cache-Control", "no-cache").build();
    }
}
