package dev.voicefarm.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import java.util.Set;
import java.util.UUID;

/**
 * Reads {@code POST /v1/trainings} bodies strictly: {@code datasetId} (the id
 * {@code POST /v1/datasets} gave), {@code name} (1 to {@value #MAX_NAME_CHARS} characters),
 * {@code language} (optional, default {@code en}), {@code epochs} (optional, 1 to
 * {@value #MAX_EPOCHS}, default {@value #DEFAULT_EPOCHS}), {@code requirements} and {@code webhook} (optional).
 */
public final class TrainingRequestParser {

    public static final int DEFAULT_EPOCHS = 60;
    public static final int MAX_EPOCHS = 500;
    public static final int MAX_NAME_CHARS = 64;

    private static final Set<String> FIELDS = Set.of("datasetId", "name", "language", "epochs", "requirements", "webhook");

    public TrainingRequest parse(byte[] body) {
        JsonNode root = JsonBody.object(body);
        JsonBody.knownFields(root, FIELDS,
                "a training request has datasetId, name, language, epochs, requirements and webhook");
        return new TrainingRequest(datasetId(root.get("datasetId")), RequestFields.language(root.get("language")),
                name(root.get("name")), epochs(root.get("epochs")), RequestFields.requirements(root.get("requirements")),
                RequestFields.webhook(root.get("webhook")));
    }

    private static String datasetId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "field 'datasetId' is required; POST /v1/datasets gives one");
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType("datasetId", "a string", node);
        }
        try {
            UUID.fromString(node.textValue());
            return node.textValue();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown_dataset", "dataset '" + JsonBody.clip(node.textValue()) + "' does not exist");
        }
    }

    private static String name(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "field 'name' is required: what to call the voice");
        }
        return JsonBody.name("name", node, MAX_NAME_CHARS);
    }

    private static int epochs(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_EPOCHS;
        }
        if (!node.isInt()) {
            throw JsonBody.wrongType("epochs", "a whole number", node);
        }
        int epochs = node.intValue();
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw ApiException.badRequest("invalid_epochs", "field 'epochs' is " + epochs + "; it must be 1 to " + MAX_EPOCHS);
        }
        return epochs;
    }
}
