package dev.voicefarm.gateway.api;

import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.gateway.tenants.CallerContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /v1/voices} and {@code GET /v1/voices/{id}}: the tenant's trained voices and their measured quality. */
@Path("/v1/voices")
@Produces(MediaType.APPLICATION_JSON)
public class VoiceResource {

    /** The voice list, oldest first. */
    public record Voices(List<Voice> voices) {
    }

    private final VoiceStore voices;
    private final CallerContext caller;

    public VoiceResource(VoiceStore voices, CallerContext caller) {
        this.voices = voices;
        this.caller = caller;
    }

    @GET
    public Voices list() {
        return new Voices(voices.all(caller.tenant()));
    }

    @GET
    @Path("/{id}")
    public Voice get(@PathParam("id") String id) {
        return voices.find(caller.tenant(), id)
                .orElseThrow(() -> ApiException.notFound("no voice with id '" + JsonBody.clip(id) + "'"));
    }
}
