package dev.voicefarm.gateway.api;

import dev.voicefarm.common.jobs.TrainingJob;
import dev.voicefarm.gateway.datasets.DatasetStore;
import dev.voicefarm.gateway.idempotency.Idempotency;
import dev.voicefarm.gateway.jobs.JobAdmission;
import dev.voicefarm.gateway.jobs.JobSubmission;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.TrainingRequest;
import dev.voicefarm.gateway.jobs.TrainingRequestParser;
import dev.voicefarm.gateway.tenants.Caller;
import dev.voicefarm.gateway.tenants.CallerContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code POST /v1/trainings}: validate, check the dataset is the tenant's, admit (once per
 * Idempotency-Key), answer 202 with the queued job.
 */
@Path("/v1/trainings")
public class TrainingResource {

    private final TrainingRequestParser parser = new TrainingRequestParser();
    private final Idempotency idempotency;
    private final JobAdmission admission;
    private final JobSubmission submission;
    private final DatasetStore datasets;
    private final CallerContext caller;

    public TrainingResource(Idempotency idempotency, JobAdmission admission, JobSubmission submission,
                            DatasetStore datasets, CallerContext caller) {
        this.idempotency = idempotency;
        this.admission = admission;
        this.submission = submission;
        this.datasets = datasets;
        this.caller = caller;
    }

    /** The body as bytes: an Idempotency-Key compares requests by exactly what was sent. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(Idempotency.HEADER) String idempotencyKey, byte[] body) {
        Caller who = caller.get();
        Optional<Idempotency.Request> keyed = idempotency.request(who.tenant(), "trainings", idempotencyKey, body);
        TrainingRequest request = parser.parse(body);
        if (datasets.manifest(who.tenant(), request.datasetId()).isEmpty()) {
            throw ApiException.badRequest("unknown_dataset", "dataset '" + request.datasetId()
                    + "' does not exist; POST /v1/datasets creates one");
        }
        JobView job = submission.submit(keyed, () -> admission.prepare(request, who), TrainingJob.class);
        return Accepted.job(job);
    }
}
