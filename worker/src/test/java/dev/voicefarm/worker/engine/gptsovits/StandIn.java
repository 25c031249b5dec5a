package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.voices.GptSovitsVersion;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The GPT-SoVITS stand-in of {@code deploy/gpt-sovits-standin}, as the integration tests run it:
 * settings for an engine of stand-in processes on free ports, and its stand-in-only state.
 */
final class StandIn {

    /** The stand-in's folder, found from the worker module's folder (where Maven runs the tests). */
    static final Path INSTALL = Path.of("..", "deploy", "gpt-sovits-standin").toAbsolutePath().normalize();

    private static final HttpClient HTTP = ApiV2Client.httpClient();

    /** Engine settings: what a worker would use, with fast start-ups and the test's own ports and folder. */
    static final class Settings {
        int processes = 1;
        int recycleAfterJobs = 500;
        long maxRssMb = 6144;
        Duration healthInterval = Duration.ofHours(1);
        Duration requestTimeout = Duration.ofSeconds(30);
        List<GptSovitsVersion> versions = List.of(GptSovitsVersion.values());
        final Map<String, String> environment = new HashMap<>(Map.of("STANDIN_START_MS", "100"));

        GptSovitsSettings build(Path cacheDir) {
            if (!Files.isRegularFile(INSTALL.resolve("api_v2.py"))) {
                throw new IllegalStateException("no stand-in at " + INSTALL);
            }
            return new GptSovitsSettings(Optional.of(INSTALL), "python3", processes, freePorts(processes),
                    Path.of(GptSovitsSettings.DEFAULT_CONFIG), versions, recycleAfterJobs, maxRssMb, 0, healthInterval,
                    Duration.ofSeconds(20), requestTimeout, cacheDir, 1024, environment);
        }
    }

    private StandIn() {
    }

    /** The first of {@code count} consecutive ports nothing listens on now. */
    static int freePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free consecutive ports");
    }

    /** The stand-in's own diagnostics ({@code GET /standin/state}): speakers held, requests served, pid, memory. */
    static Map<?, ?> state(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/standin/state"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.decode(response.body(), Map.class);
    }

    static long pid(int port) throws IOException, InterruptedException {
        return ((Number) state(port).get("pid")).longValue();
    }
}
