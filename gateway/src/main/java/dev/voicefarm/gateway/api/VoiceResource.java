package dev.voicefarm.gateway.api;

import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.gateway.tenants.CallerContext;
import dev.voicefarm.gateway.tenants.TrustedTenantsOnly;
import dev.voicefarm.gateway.voices.VoiceImports;
import dev.voicefarm.gateway.voices.VoiceUpload;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code GET /v1/voices} and {@code GET /v1/voices/{id}}: the tenant's voices, trained and imported,
 * each with its {@code family}. {@code POST /v1/voices}: imports a GPT-SoVITS voice, sent either as
 * {@code multipart/form-data} (file parts {@code gpt}, {@code sovits}, {@code reference}; text parts
 * {@code name}, {@code modelVersion}, {@code promptText}, {@code promptLanguage}) or as one zip
 * ({@link dev.voicefarm.gateway.voices.VoiceArchive}); 201 with the voice. Both bodies reach the
 * method as files on disk, never whole in memory.
 */
@Path("/v1/voices")
@Produces(MediaType.APPLICATION_JSON)
public class VoiceResource {

    /** The voice list, oldest first. */
    public record Voices(List<Voice> voices) {
    }

    private final VoiceStore voices;
    private final VoiceImports imports;
    private final CallerContext caller;

    public VoiceResource(VoiceStore voices, VoiceImports imports, CallerContext caller) {
        this.voices = voices;
        this.imports = imports;
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

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @TrustedTenantsOnly
    public Response importForm(@RestForm String name, @RestForm String modelVersion, @RestForm String promptText,
                               @RestForm String promptLanguage, @RestForm FileUpload gpt, @RestForm FileUpload sovits,
                               @RestForm FileUpload reference) throws InterruptedException {
        VoiceUpload upload = new VoiceUpload(name, modelVersion, promptText, promptLanguage, file(gpt), file(sovits),
                file(reference));
        return created(imports.fromForm(caller.tenant(), upload));
    }

    /** {@code application/x-zip-compressed} is what some browsers send for a .zip file. */
    @POST
    @Consumes({"application/zip", "application/x-zip-compressed"})
    @TrustedTenantsOnly
    public Response importZip(java.nio.file.Path body) throws InterruptedException {
        return created(imports.fromZip(caller.tenant(), body));
    }

    private static Response created(Voice voice) {
        return Accepted.created("/v1/voices/" + voice.id(), voice);
    }

    private static VoiceUpload.UploadedFile file(FileUpload part) {
        return part == null ? null : new VoiceUpload.UploadedFile(part.uploadedFile(), part.fileName());
    }
}
