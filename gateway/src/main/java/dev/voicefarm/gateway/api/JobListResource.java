package dev.voicefarm.gateway.api;

import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.gateway.jobs.JobScope;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.JobViews;
import dev.voicefarm.gateway.streaming.JobFeedStream;
import dev.voicefarm.gateway.streaming.SseWriter;
import dev.voicefarm.gateway.streaming.Streamed;
import dev.voicefarm.gateway.tenants.CallerContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/jobs}: the caller's newest jobs, newest first, optionally of one status and kind;
 * an admin key lists every tenant's (or one tenant's with {@code tenant}). {@code GET /v1/events}:
 * the changes of those jobs as server-sent events, from now on, for live views.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class JobListResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** A page of jobs, newest first. */
    public record Jobs(List<JobView> jobs) {
    }

    private final JobViews views;
    private final JobFeedStream feed;
    private final CallerContext caller;

    public JobListResource(JobViews views, JobFeedStream feed, CallerContext caller) {
        this.views = views;
        this.feed = feed;
        this.caller = caller;
    }

    /** @throws ApiException 400 for a limit outside 1–100, an unknown status or kind, or a tenant filter from a user key */
    @GET
    @Path("/jobs")
    public Jobs list(@QueryParam("limit") String limit, @QueryParam("status") String status, @QueryParam("kind") String kind,
                     @QueryParam("tenant") String tenant) {
        int count = limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Predicate<JobRecord> filter = filter("status", status, JobStatus.values(), JobStatus::name, JobRecord::status)
                .and(filter("kind", kind, JobKind.values(), JobKind::id, JobRecord::kind));
        List<JobView> jobs = views.recent(scope(tenant), count, filter).stream()
                .map(job -> job.shownTo(caller.get())).toList();
        return new Jobs(jobs);
    }

    /** Server-sent events {@code status} and {@code progress} of the caller's jobs; resumes after {@code Last-Event-ID}. */
    @GET
    @Path("/events")
    @Produces(SseWriter.MEDIA_TYPE)
    public Response events(@HeaderParam("Last-Event-ID") String lastEventId) {
        JobScope scope = JobScope.of(caller.get());
        JobFeedStream.Reader reader = feed.open(scope, lastEventId);
        return Response.ok(Streamed.body(reader::send), SseWriter.MEDIA_TYPE).header("Cache-Control", "no-cache").build();
    }

    private JobScope scope(String tenant) {
        JobScope own = JobScope.of(caller.get());
        if (tenant == null) {
            return own;
        }
        if (!own.everyTenant()) {
            throw ApiException.badRequest("invalid_parameter", "only admin keys may list another tenant's jobs; leave out 'tenant'");
        }
        return new JobScope(tenant);
    }

    /**
     * A {@code limit} query parameter: a whole number from 1 to {@code max}, {@code absent} when not given.
     * Read here, not converted by JAX-RS, which would answer a malformed one 404.
     *
     * @throws ApiException 400 {@code invalid_limit}
     */
    static int limit(String given, int absent, int max) {
        if (given == null) {
            return absent;
        }
        if (given.matches("\\d{1,4}")) {
            int limit = Integer.parseInt(given);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + max + "; it was '"
                + JsonBody.clip(given) + "'");
    }

    /**
     * Jobs whose {@code field} is the value named {@code given} (any job when it is absent).
     *
     * @throws ApiException 400 {@code invalid_<field>} naming the values there are
     */
    private static <T> Predicate<JobRecord> filter(String field, String given, T[] values, Function<T, String> name,
                                                   Function<JobRecord, T> ofJob) {
        if (given == null) {
            return job -> true;
        }
        T wanted = Arrays.stream(values).filter(value -> name.apply(value).equalsIgnoreCase(given)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid_" + field, "unknown " + field + " '" + JsonBody.clip(given)
                        + "'; one of " + Arrays.stream(values).map(name).collect(Collectors.joining(", "))));
        return job -> ofJob.apply(job) == wanted;
    }
}
