package dev.voicefarm.gateway.api;

import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.gateway.idempotency.Idempotency;
import dev.voicefarm.gateway.jobs.JobAdmission;
import dev.voicefarm.gateway.jobs.JobSubmission;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.SynthesisRequest;
import dev.voicefarm.gateway.jobs.SynthesisRequestParser;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code POST /v1/synthesis}: validate, admit (once per Idempotency-Key), answer 202 with the queued job. */
@Path("/v1/synthesis")
public class SynthesisResource {

    private final SynthesisRequestParser parser;
    private final Idempotency idempotency;
    private final JobAdmission admission;
    private final JobSubmission submission;

    public SynthesisResource(VoiceStore voices, Idempotency idempotency, JobAdmission admission,
                             JobSubmission submission) {
        this.parser = new SynthesisRequestParser(voices::find);
        this.idempotency = idempotency;
        this.admission = admission;
        this.submission = submission;
    }

    /** The body as bytes: an Idempotency-Key compares requests by exactly what was sent. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(Idempotency.HEADER) String idempotencyKey, byte[] body) {
        Optional<Idempotency.Request> keyed = idempotency.request("synthesis", idempotencyKey, body);
        SynthesisRequest request = parser.parse(new String(body, StandardCharsets.UTF_8));
        JobView job = submission.submit(keyed, () -> admission.prepare(request), SynthesisJob.class);
        return Response.accepted(job).location(URI.create("/v1/jobs/" + job.id())).build();
    }
}
