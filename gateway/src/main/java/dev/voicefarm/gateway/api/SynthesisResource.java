package dev.voicefarm.gateway.api;

import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.gateway.idempotency.Idempotency;
import dev.voicefarm.gateway.jobs.JobAdmission;
import dev.voicefarm.gateway.jobs.JobSubmission;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.jobs.SynthesisRequest;
import dev.voicefarm.gateway.jobs.SynthesisRequestParser;
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

/** {@code POST /v1/synthesis}: validate, admit (once per Idempotency-Key), answer 202 with the queued job. */
@Path("/v1/synthesis")
public class SynthesisResource {

    private final VoiceStore voices;
    private final Idempotency idempotency;
    private final JobAdmission admission;
    private final JobSubmission submission;
    private final CallerContext caller;

    public SynthesisResource(VoiceStore voices, Idempotency idempotency, JobAdmission admission,
                             JobSubmission submission, CallerContext caller) {
        this.voices = voices;
        this.idempotency = idempotency;
        this.admission = admission;
        this.submission = submission;
        this.caller = caller;
    }

    /** The body as bytes: an Idempotency-Key compares requests by exactly what was sent. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(Idempotency.HEADER) String idempotencyKey, byte[] body) {
        Caller who = caller.get();
        Optional<Idempotency.Request> keyed = idempotency.request(who.tenant(), "synthesis", idempotencyKey, body);
        SynthesisRequest request = new SynthesisRequestParser(id -> voices.find(who.tenant(), id)).parse(body);
        JobView job = submission.submit(keyed, () -> admission.prepare(request, who), SynthesisJob.class);
        return Accepted.job(job);
    }
}
