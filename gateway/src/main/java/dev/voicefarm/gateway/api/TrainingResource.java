package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.datasets.DatasetStore;
import dev.voicefarm.gateway.jobs.JobAdmission;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.TrainingRequest;
import dev.voicefarm.gateway.jobs.TrainingRequestParser;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code POST /v1/trainings}: validate, check the dataset, admit, answer 202 with the queued job. */
@Path("/v1/trainings")
public class TrainingResource {

    private final TrainingRequestParser parser = new TrainingRequestParser();
    private final JobAdmission admission;
    private final DatasetStore datasets;

    public TrainingResource(JobAdmission admission, DatasetStore datasets) {
        this.admission = admission;
        this.datasets = datasets;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(String body) {
        TrainingRequest request = parser.parse(body);
        if (datasets.manifest(request.datasetId()).isEmpty()) {
            throw ApiException.badRequest("unknown_dataset", "dataset '" + request.datasetId()
                    + "' does not exist; POST /v1/datasets creates one");
        }
        JobView job = admission.admit(request);
        return Response.accepted(job).location(URI.create("/v1/jobs/" + job.id())).build();
    }
}
