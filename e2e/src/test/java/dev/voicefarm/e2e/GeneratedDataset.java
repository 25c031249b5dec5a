package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A dataset made by the project's own command (another eSpeak NG speaker), uploaded through the API. */
final class GeneratedDataset {

    private GeneratedDataset() {
    }

    /** Makes the zip in {@code dir}, uploads it as the client's tenant, returns the created dataset. */
    static JsonNode upload(FarmClient farm, Path dir) throws Exception {
        FarmClient.Reply created = farm.postZip("/v1/datasets", Files.readAllBytes(make(dir)));
        assertEquals(201, created.status(), new String(created.response().body(), StandardCharsets.UTF_8));
        return created.json();
    }

    /**
     * Makes the zip in {@code dir} and answers its path; the sentences held out of it are in
     * {@code dir/held-out} ({@code 1.wav}, {@code 1.txt}, ...).
     */
    static Path make(Path dir) throws Exception {
        Path zip = dir.resolve("speaker.zip");
        Path heldOut = dir.resolve("held-out");
        Process make = new ProcessBuilder(Path.of("..", "deploy", "voices", "make-dataset.sh").toString(),
                zip.toString(), heldOut.toString()).inheritIO().start();
        assertEquals(0, make.waitFor(), "make-dataset.sh failed");
        return zip;
    }
}
