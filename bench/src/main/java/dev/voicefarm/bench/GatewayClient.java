package dev.voicefarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Submits synthesis jobs to the gateway as a client does: POST /v1/synthesis, 202 and the job id. */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI synthesis;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayClient(String gatewayUrl, String apiKey) {
        this.synthesis = URI.create(gatewayUrl + "/v1/synthesis");
        this.authorization = "Bearer " + apiKey;
    }

    /** The job's id once the gateway accepted it; fails on any answer but 202. */
    public CompletableFuture<String> submit(String requestJson) {
        HttpRequest request = HttpRequest.newBuilder(synthesis)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(requestJson))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 202) {
                throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
            }
            return id(response.body());
        });
    }

    /** {@link #submit}, waiting for the answer. */
    public String submitAndWait(String requestJson) {
        try {
            return submit(requestJson).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static String id(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.get("id").asText();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("202 without a job id: " + body, e);
        }
    }
}
