package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.audio.Wav;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The calls the farm makes to one api_v2 process. Refusals are permanent {@code EngineException}s
 * and failures of the process {@link ProcessFault}s ({@link ApiV2Answers}).
 */
final class ApiV2Client {

    /** What a {@code /tts} answer carried: the audio and the response headers. */
    record Speech(Wav wav, HttpHeaders headers) {
    }

    private final HttpClient http;
    private final URI base;
    private final Duration requestTimeout;

    ApiV2Client(HttpClient http, int port, Duration requestTimeout) {
        this.http = http;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.requestTimeout = requestTimeout;
    }

    /** The HTTP client these calls need: HTTP/1.1 (api_v2 is uvicorn, which has no cleartext HTTP/2). */
    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    void setGptWeights(Path weights) throws ProcessFault, InterruptedException {
        setWeights("/set_gpt_weights", weights);
    }

    void setSovitsWeights(Path weights) throws ProcessFault, InterruptedException {
        setWeights("/set_sovits_weights", weights);
    }

    private void setWeights(String endpoint, Path weights) throws ProcessFault, InterruptedException {
        String query = "?weights_path=" + URLEncoder.encode(weights.toAbsolutePath().toString(), StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve(endpoint + query))
                .timeout(requestTimeout).GET().build(), endpoint);
        ApiV2Answers.check(response.statusCode(), response.body());
    }

    Speech tts(TtsRequest request) throws ProcessFault, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("/tts"))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.json()))
                .build(), "/tts");
        ApiV2Answers.check(response.statusCode(), response.body());
        try {
            return new Speech(Wav.parse(response.body()), response.headers());
        } catch (IllegalArgumentException e) {
            throw new ProcessFault(ProcessFault.Kind.SERVER_ERROR, "/tts answered audio that is not a WAV: " + e.getMessage());
        }
    }

    /**
     * Whether the process serves requests. api_v2 has no health endpoint; a {@code /tts} without
     * parameters is refused by its first check ({@code 400} "ref_audio_path is required") in
     * milliseconds, without touching the models, which proves its server and routes are up.
     */
    boolean answers(Duration timeout) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/tts"))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 400;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends the request, once more when the connection failed without an answer: a kept-alive
     * connection the server closed meanwhile fails that way (uvicorn closes idle ones after 5 s),
     * and every call here may be repeated (weights loads and a sentence's synthesis change nothing
     * else). A process that is gone fails the second time too, at once.
     */
    private HttpResponse<byte[]> send(HttpRequest request, String endpoint) throws ProcessFault, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpConnectTimeoutException e) {
                throw new ProcessFault(ProcessFault.Kind.UNANSWERED, endpoint + " could not connect: " + describe(e));
            } catch (HttpTimeoutException e) {
                throw new ProcessFault(ProcessFault.Kind.TIMEOUT, endpoint + " took longer than " + requestTimeout.toSeconds() + " s");
            } catch (IOException e) {
                if (attempt == 2) {
                    throw new ProcessFault(ProcessFault.Kind.UNANSWERED, endpoint + " got no answer: " + describe(e));
                }
            }
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
