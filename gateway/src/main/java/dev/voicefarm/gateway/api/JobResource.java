package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.jobs.JobCancellation;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.JobViews;
import dev.voicefarm.gateway.tenants.CallerContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code GET /v1/jobs/{id}} and its audio; {@code DELETE /v1/jobs/{id}} cancels the job. Another
 * tenant's job is a 404, exactly as an unknown id; only admin keys see which worker ran a job.
 */
@Path("/v1/jobs/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobViews views;
    private final JobCancellation cancellation;
    private final CallerContext caller;

    public JobResource(JobViews views, JobCancellation cancellation, CallerContext caller) {
        this.views = views;
        this.cancellation = cancellation;
        this.caller = caller;
    }

    @GET
    public JobView get(@PathParam("id") String id) {
        return shown(views.find(caller.tenant(), id));
    }

    /** 200 with the CANCELLED job; 409 when it had already finished. */
    @DELETE
    public JobView cancel(@PathParam("id") String id) {
        cancellation.cancel(caller.tenant(), id);
        return shown(views.find(caller.tenant(), id));
    }

    private JobView shown(JobView job) {
        return caller.get().admin() ? job : job.withoutWorker();
    }

    /** 303 to a short-lived presigned URL of the WAV file; 409 while the job has none. */
    @GET
    @Path("/audio")
    public Response audio(@PathParam("id") String id) {
        return Response.seeOther(URI.create(views.audioUrl(caller.tenant(), id))).build();
    }
}
