package dev.voicefarm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import dev.voicefarm.common.testing.LocalStack;

/** A plain HTTP client of the gateway, as a user's web app would be, with one tenant's API key. */
final class FarmClient {

    /** The tenant of the test stack's dev key (./farm makes it). */
    static final String DEV_TENANT = "dev";
    /** The tenant of the root admin key. */
    static final String ADMIN_TENANT = "operators";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FarmClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The test stack's gateway with the dev tenant's user key. */
    static FarmClient dev() {
        return new FarmClient(LocalStack.gatewayUrl(), LocalStack.apiKey());
    }

    /** The test stack's gateway with the root admin key (tenant {@code operators}). */
    static FarmClient admin() {
        return new FarmClient(LocalStack.gatewayUrl(), LocalStack.adminKey());
    }

    /** The same gateway with another key. */
    FarmClient withKey(String otherKey) {
        return new FarmClient(baseUrl, otherKey);
    }

    String apiKey() {
        return apiKey;
    }

    record Reply(int status, HttpResponse<byte[]> response) {
        JsonNode json() throws IOException {
            return JSON.readTree(response.body());
        }

        String text() {
            return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Reply postJson(String path, String body) throws IOException, InterruptedException {
        return postJson(path, body, Map.of());
    }

    /** With extra request headers, such as {@code Idempotency-Key}. */
    Reply postJson(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = gateway(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** A zip body, as {@code curl --data-binary @voice.zip -H 'Content-Type: application/zip'} sends it. */
    Reply postZip(String path, byte[] zip) throws IOException, InterruptedException {
        return send(gateway(path).header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    /** Any body of a known length, such as a {@code multipart/form-data} one ({@code curl -F}). */
    Reply post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(gateway(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A gateway path, or a full URL (a presigned S3 URL, which must not carry the API key). */
    Reply get(String path) throws IOException, InterruptedException {
        return send((path.startsWith("http") ? HttpRequest.newBuilder(URI.create(path)) : gateway(path)).GET());
    }

    /** A gateway path whose answer may take longer than the usual 30 s: a stream played to its end. */
    Reply get(String path, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(gateway(path).GET().timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response);
    }

    /** A gateway path with extra request headers, such as {@code Last-Event-ID}. */
    Reply get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = gateway(path).GET();
        headers.forEach(request::header);
        return send(request);
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(gateway(path).DELETE());
    }

    private HttpRequest.Builder gateway(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + apiKey);
    }

    /** Polls the job until it is finished or the deadline passes; returns its last state. */
    JsonNode awaitFinished(String jobId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode job;
        do {
            job = get("/v1/jobs/" + jobId).json();
            String status = job.path("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                return job;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return job;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response);
    }
}
