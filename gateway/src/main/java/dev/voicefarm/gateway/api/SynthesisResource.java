package dev.voicefarm.gateway.api;

import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.gateway.jobs.JobAdmission;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.SynthesisRequestParser;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code POST /v1/synthesis}: validate, admit, answer 202 with the queued job. */
@Path("/v1/synthesis")
public class SynthesisResource {

    private final SynthesisRequestParser parser;
    private final JobAdmission admission;

    public SynthesisResource(JobAdmission admission, VoiceStore voices) {
        this.admission = admission;
        this.parser = new SynthesisRequestParser(voices::find);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(String body) {
        JobView job = admission.admit(parser.parse(body));
        return Response.accepted(job).location(URI.create("/v1/jobs/" + job.id())).build();
    }
}
