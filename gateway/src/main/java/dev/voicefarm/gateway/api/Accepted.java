package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.jobs.JobView;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The answers that point at a new resource. {@code Location} is a path relative to the gateway,
 * never built from the request's {@code Host} header, which any client can set.
 */
final class Accepted {

    private Accepted() {
    }

    /** 202 with the queued job. */
    static Response job(JobView job) {
        return Response.accepted(job).header(HttpHeaders.LOCATION, "/v1/jobs/" + job.id()).build();
    }

    /** 201 with the created resource. */
    static Response created(String path, Object entity) {
        return Response.status(Response.Status.CREATED).entity(entity).header(HttpHeaders.LOCATION, path).build();
    }
}
