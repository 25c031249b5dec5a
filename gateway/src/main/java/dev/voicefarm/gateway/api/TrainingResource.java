package dev.voicefarm.gateway.api;

import dev.voicefarm.common.jobs.TrainingJob;
import dev.voicefarm.gateway.datasets.DatasetStore;
import dev.voicefarm.gateway.idempotency.Idempotency;
import dev.voicefarm.gateway.jobs.JobAdmission;
import dev.voicefarm.gateway.jobs.JobSubmission;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.TrainingRequest;
import dev.voicefarm.gateway.jobs.TrainingRequestParser;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST /v1/trainings}: validate, check the dataset, admit (once per Idempotency-Key),
 * answer 202 with the queued job.
 */
@Path("/v1/trainings")
public class TrainingResource {

    private final TrainingRequestParser parser = new TrainingRequestParser();
    private final Idempotency idempotency;
    private final JobAdmission admission;
    private final JobSubmission submission;
    private final DatasetStore datasets;

    public TrainingResource(Idempotency idempotency, JobAdmission admission, JobSubmission submission,
                            DatasetStore datasets) {
        this.idempotency = idempotency;
        this.admission = admission;
        this.submission = submission;
        this.datasets = datasets;
    }

    /** The body as bytes: an Idempotency-Key compares requests by exactly what was sent. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(Idempotency.HEADER) String idempotencyKey, byte[] body) {
        Optional<Idempotency.Request> keyed = idempotency.request("trainings", idempotencyKey, body);
        TrainingRequest request = parser.parse(new String(body, StandardCharsets.UTF_8));
        if (datasets.manifest(request.datasetId()).isEmpty()) {
            throw ApiException.badRequest("unknown_dataset", "dataset '" + request.datasetId()
                    + "' does not exist; POST /v1/datasets creates one");
        }
        JobView job = submission.submit(keyed, () -> admission.prepare(request), TrainingJob.class);
        return Response.accepted(job).location(URI.create("/v1/jobs/" + job.id())).build();
    }
}
