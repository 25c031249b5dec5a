package dev.voicefarm.gateway.speech;

import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.jobs.JobAdmission;
import dev.voicefarm.gateway.jobs.JobCancellation;
import dev.voicefarm.gateway.jobs.JobScope;
import dev.voicefarm.gateway.jobs.JobSubmission;
import dev.voicefarm.gateway.jobs.JobView;
import dev.voicefarm.gateway.streaming.LiveAudio;
import dev.voicefarm.gateway.streaming.SseWriter;
import dev.voicefarm.gateway.streaming.Streamed;
import dev.voicefarm.gateway.tenants.Caller;
import dev.voicefarm.gateway.tenants.CallerContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * OpenAI's speech API over the farm: {@code POST /v1/audio/speech} submits a streamed synthesis
 * job and answers with its audio as the worker makes it (or as {@code speech.audio.delta}
 * events), so the first sentence plays while the rest renders. The caller's API key is the
 * bearer token, errors have OpenAI's shape ({@link dev.voicefarm.gateway.api.ErrorBodies}). A
 * client that hangs up, or a job that makes no sound within the stream timeout, cancels the job.
 */
@Path("/v1/audio")
public class SpeechResource {

    private static final Logger LOG = Logger.getLogger(SpeechResource.class);
    /** The farm job behind an answer: its events, state and stored file are at {@code /v1/jobs/<id>}. */
    static final String JOB_ID_HEADER = "X-Job-Id";

    private final SpeechSettings settings;
    private final VoiceStore voices;
    private final JobAdmission admission;
    private final JobSubmission submission;
    private final JobCancellation cancellation;
    private final LiveAudio live;
    private final ArtifactStore artifacts;
    private final CallerContext caller;

    public SpeechResource(SpeechSettings settings, VoiceStore voices, JobAdmission admission, JobSubmission submission,
                          JobCancellation cancellation, LiveAudio live, ArtifactStore artifacts, CallerContext caller) {
        this.settings = settings;
        this.voices = voices;
        this.admission = admission;
        this.submission = submission;
        this.cancellation = cancellation;
        this.live = live;
        this.artifacts = artifacts;
        this.caller = caller;
    }

    @POST
    @Path("/speech")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.WILDCARD)
    public Response speech(byte[] body) throws InterruptedException {
        Caller who = caller.get();
        SpeechRequest request = new SpeechRequestParser(settings, () -> voices.all(who.tenant())).parse(body);
        JobView job = submission.submit(Optional.empty(), () -> admission.prepare(request.synthesis(), who),
                SynthesisJob.class);
        LiveAudio.Start start;
        try {
            start = live.await(job.id());
        } catch (ApiException e) {
            cancel(who, job.id());
            throw e;
        }
        String type = request.sse() ? SseWriter.MEDIA_TYPE : request.synthesis().output().format().contentType();
        int characters = request.synthesis().text().codePointCount(0, request.synthesis().text().length());
        StreamingOutput audio = Streamed.body(out -> {
            OutputStream target = request.sse() ? new SpeechAudioEvents(out) : out;
            try {
                if (start instanceof LiveAudio.Playing playing) {
                    live.play(playing, target);
                } else {
                    target.write(stored(((LiveAudio.Ended) start).job()));
                }
                if (target instanceof SpeechAudioEvents events) {
                    events.done(characters);
                }
            } catch (IOException e) {
                cancel(who, job.id());
                throw e;
            }
        });
        if (start instanceof LiveAudio.Ended ended && ended.job().status() != JobStatus.SUCCEEDED) {
            throw failed(ended.job());
        }
        return Response.ok(audio, type).header(JOB_ID_HEADER, job.id()).build();
    }

    /** The tenant's voices and OpenAI's built-in names, each with what it speaks. */
    @GET
    @Path("/voices")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<Map<String, Object>>> voices() {
        List<Map<String, Object>> listed = new ArrayList<>();
        new TreeMap<>(settings.voices()).forEach((name, target) -> listed.add(Map.of("id", name, "name", name,
                "builtIn", true, "speaks", SpeechSettings.BASE_VOICE.equals(target)
                        ? "the base voice of the text's language" : target)));
        for (Voice voice : voices.all(caller.tenant())) {
            listed.add(Map.of("id", voice.id(), "name", voice.name(), "language", voice.language(), "builtIn", false));
        }
        return Map.of("voices", listed);
    }

    /** A job that finished before anyone listened: its stored file. */
    private byte[] stored(JobRecord job) {
        return artifacts.get(ObjectKeys.ARTIFACTS_BUCKET, job.result().audioKey());
    }

    private static ApiException failed(JobRecord job) {
        return job.status() == JobStatus.CANCELLED
                ? ApiException.conflict("cancelled", "job " + job.id() + " was cancelled: " + job.reason())
                : ApiException.unprocessable("synthesis_failed", "job " + job.id() + " failed: " + job.reason());
    }

    private void cancel(Caller who, String jobId) {
        try {
            cancellation.cancel(JobScope.of(who), jobId);
        } catch (RuntimeException e) {
            LOG.debugf("job %s of tenant %s not cancelled after its listener left: %s", jobId, who.tenant(), e.getMessage());
        }
    }
}
