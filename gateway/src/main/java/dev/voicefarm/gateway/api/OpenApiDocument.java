package dev.voicefarm.gateway.api;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document that SmallRye scans from the resources: the JSON request bodies
 * (the resources read raw bytes, so their shapes come from {@code META-INF/openapi.yaml}), the
 * answers of methods that build a {@code Response}, and the error answers. Every operation may be
 * refused for its key (401), its rate (429), its input (400) and an unreachable store (503); the
 * rest are stated where they happen. Registered by {@code mp.openapi.filter}.
 */
public class OpenApiDocument implements OASFilter {

    private static final Map<String, String> REQUEST_BODIES = Map.of(
            "SynthesisResource_submit", "SynthesisRequest",
            "TrainingResource_submit", "TrainingRequest",
            "SpeechResource_speech", "SpeechRequest",
            "AdminResource_createTenant", "TenantRequest",
            "AdminResource_changeQuotas", "QuotasRequest",
            "AdminResource_issueKey", "KeyRequest");

    /** Methods that answer a built {@code Response}: their success status and its schema. */
    private static final Map<String, Map.Entry<String, String>> BUILT_ANSWERS = Map.of(
            "SynthesisResource_submit", Map.entry("202", "JobView"),
            "TrainingResource_submit", Map.entry("202", "JobView"),
            "DatasetResource_upload", Map.entry("201", "DatasetSummary"),
            "VoiceResource_importForm", Map.entry("201", "Voice"),
            "VoiceResource_importZip", Map.entry("201", "Voice"),
            "AdminResource_createTenant", Map.entry("201", "Tenant"),
            "AdminResource_issueKey", Map.entry("201", "IssuedKey"),
            "AdminResource_rotate", Map.entry("201", "IssuedKey"));

    /** Errors beyond the ones every operation has, by operation. */
    private static final Map<String, Set<String>> OWN_ERRORS = Map.ofEntries(
            Map.entry("SynthesisResource_submit", Set.of("409", "422")),
            Map.entry("TrainingResource_submit", Set.of("409")),
            Map.entry("SpeechResource_speech", Set.of("409", "422", "504")),
            Map.entry("DatasetResource_upload", Set.of("409", "411", "413")),
            Map.entry("VoiceResource_importForm", Set.of("403", "413")),
            Map.entry("VoiceResource_importZip", Set.of("403", "411", "413")),
            Map.entry("JobResource_cancel", Set.of("409")),
            Map.entry("JobResource_audio", Set.of("409")),
            Map.entry("AdminResource_createTenant", Set.of("409")));

    private static final Set<String> EVERY_OPERATION = Set.of("400", "401", "429", "500", "503");

    /** What scanning makes of the {@code java.nio.file.Path} a voice zip is streamed to: JDK types, not the API's. */
    private static final Set<String> SCANNED_JDK_TYPES = Set.of("Path", "FileSystem", "FileStore", "UserPrincipalLookupService");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                complete(path.getKey(), operation);
            }
        }
        SCANNED_JDK_TYPES.forEach(openAPI.getComponents()::removeSchema);
    }

    private static void complete(String path, Operation operation) {
        String id = operation.getOperationId();
        String requestSchema = REQUEST_BODIES.get(id);
        if (requestSchema != null) {
            operation.setRequestBody(OASFactory.createRequestBody().required(true).content(json(requestSchema)));
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            for (MediaType body : operation.getRequestBody().getContent().getMediaTypes().values()) {
                if (body.getSchema() != null && body.getSchema().getRef() != null && body.getSchema().getRef().endsWith("/Path")) {
                    body.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("binary"));
                }
            }
        }
        APIResponses responses = operation.getResponses();
        Map.Entry<String, String> built = BUILT_ANSWERS.get(id);
        if (built != null) {
            responses.removeAPIResponse("200");
            responses.addAPIResponse(built.getKey(), OASFactory.createAPIResponse().description("done").content(json(built.getValue())));
        }
        Set<String> errors = new java.util.TreeSet<>(EVERY_OPERATION);
        errors.addAll(OWN_ERRORS.getOrDefault(id, Set.of()));
        if (path.startsWith("/v1/admin")) {
            errors.add("403");
        }
        if (path.contains("{")) {
            errors.add("404");
        }
        for (String status : errors) {
            responses.addAPIResponse(status, error());
        }
    }

    private static Content json(String schema) {
        MediaType mediaType = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema));
        return OASFactory.createContent().addMediaType("application/json", mediaType);
    }

    private static APIResponse error() {
        return OASFactory.createAPIResponse().ref("Error");
    }
}
