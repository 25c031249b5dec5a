package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.testing.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A dataset made by the project's own command (another eSpeak NG speaker), uploaded through the API. */
final class GeneratedDataset {

    private GeneratedDataset() {
    }

    /** Makes the zip in {@code dir}, uploads it, returns the created dataset. */
    static JsonNode upload(Path dir) throws Exception {
        Path zip = dir.resolve("speaker.zip");
        Path heldOut = dir.resolve("held-out");
        Process make = new ProcessBuilder(Path.of("..", "deploy", "voices", "make-dataset.sh").toString(),
                zip.toString(), heldOut.toString()).inheritIO().start();
        assertEquals(0, make.waitFor(), "make-dataset.sh failed");
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(LocalStack.gatewayUrl() + "/v1/datasets"))
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofFile(zip)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return new ObjectMapper().readTree(created.body());
    }
}
