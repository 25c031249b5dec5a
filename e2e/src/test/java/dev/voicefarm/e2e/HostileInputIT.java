package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.testing.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replays the committed hostile-input corpus ({@code src/test/resources/hostile/corpus.jsonl},
 * made by {@code make_corpus.py}) against the live test stack over raw sockets: malformed and
 * nested JSON, wrong types, huge values, odd Unicode, control characters, path tricks, wrong
 * methods and media types, missing and bad keys, a user key on admin endpoints, another tenant's
 * job and dataset, and every dataset pathology. Each answer must be the expected 4xx with the
 * API's JSON error body, within 2 s; the gateway must log no ERROR meanwhile; and the farm must
 * still complete a normal job afterwards.
 */
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_MILLIS = 2000;

    @Test
    void everyHostileRequestGetsItsJsonErrorQuicklyAndTheFarmStillWorks() throws Exception {
        List<JsonNode> corpus = corpus();
        assertTrue(corpus.size() >= 300, "the corpus has " + corpus.size() + " requests");
        Map<String, String> placeholders = placeholders();
        Path gatewayLog = Path.of(System.getenv("FARM_HOME"), "logs", "gateway.log");
        long errorsBefore = errorLines(gatewayLog);

        RawHttp http = new RawHttp(LocalStack.gatewayUrl());
        List<String> failures = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (JsonNode request : corpus) {
            String name = request.path("name").asText();
            String path = fill(request.path("path").asText(), placeholders);
            List<List<String>> headers = new ArrayList<>();
            long declaredLength = -1;
            for (JsonNode header : request.path("headers")) {
                String value = fill(header.get(1).asText(), placeholders);
                if (header.get(0).asText().equals("Content-Length-Override")) {
                    declaredLength = value.equals("chunked") ? RawHttp.CHUNKED : Long.parseLong(value);
                } else {
                    headers.add(List.of(header.get(0).asText(), value));
                }
            }
            byte[] body = request.has("bodyB64") ? Base64.getDecoder().decode(request.path("bodyB64").asText())
                    : request.has("body") ? fill(request.path("body").asText(), placeholders).getBytes(StandardCharsets.UTF_8)
                    : null;
            distinct.add(request.path("method").asText() + " " + path + " " + headers + " " + declaredLength + " "
                    + (body == null ? "" : Base64.getEncoder().encodeToString(body)));
            RawHttp.Answer answer;
            try {
                answer = http.send(request.path("method").asText(), path, headers, body, declaredLength);
            } catch (IOException e) {
                failures.add(name + ": no answer (" + e + ")");
                continue;
            }
            String problem = problem(request, answer);
            if (problem != null) {
                failures.add(name + ": " + problem);
            }
        }
        assertEquals(corpus.size(), distinct.size(), "every request of the corpus is distinct");
        assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " requests answered wrongly:\n"
                + String.join("\n", failures));
        assertEquals(errorsBefore, errorLines(gatewayLog), "the gateway logged ERROR lines while refusing them");

        FarmClient farm = FarmClient.dev();
        FarmClient.Reply normal = farm.postJson("/v1/synthesis", "{\"text\": \"Still working after all that.\"}");
        assertEquals(202, normal.status(), normal.text());
        assertEquals("SUCCEEDED", farm.awaitFinished(normal.json().path("id").asText(), Duration.ofSeconds(60))
                .path("status").asText());
    }

    private static String problem(JsonNode request, RawHttp.Answer answer) {
        int expected = request.path("expect").asInt();
        if (answer.status() != expected) {
            return "status " + answer.status() + ", expected " + expected + ": " + clip(answer.text());
        }
        if (answer.millis() > MAX_MILLIS) {
            return "took " + answer.millis() + " ms";
        }
        String type = answer.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/json")) {
            return "Content-Type '" + type + "', body " + clip(answer.text());
        }
        JsonNode error;
        try {
            error = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "body is not JSON: " + clip(answer.text());
        }
        if (request.path("path").asText().startsWith("/v1/audio/")) {
            // OpenAI's shape: {"error": {"message", "type", "param", "code"}}.
            JsonNode openAi = error.path("error");
            if (!openAi.path("type").isTextual()) {
                return "body is not OpenAI's error shape: " + clip(answer.text());
            }
            error = JSON.createObjectNode().put("error", openAi.path("code").asText())
                    .put("message", openAi.path("message").asText());
        }
        if (!error.path("error").isTextual() || !error.path("message").isTextual()) {
            return "body has no error and message: " + clip(answer.text());
        }
        if (request.has("error") && !request.path("error").asText().equals(error.path("error").asText())) {
            return "error '" + error.path("error").asText() + "', expected '" + request.path("error").asText()
                    + "': " + clip(error.path("message").asText());
        }
        if (answer.text().contains("Exception") || answer.text().contains("at dev.voicefarm")) {
            return "the body shows internals: " + clip(answer.text());
        }
        return null;
    }

    /** Another tenant's job and dataset, a revoked key, and the keys the requests use. */
    private static Map<String, String> placeholders() throws Exception {
        TestTenants.TestTenant other = TestTenants.create("hostile-other", null);
        FarmClient.Reply job = other.client().postJson("/v1/synthesis", "{\"text\": \"Not yours.\"}");
        assertEquals(202, job.status(), job.text());
        FarmClient.Reply dataset = other.client().postZip("/v1/datasets", ToneDataset.zip());
        assertEquals(201, dataset.status(), dataset.text());
        FarmClient admin = FarmClient.admin();
        FarmClient.Reply spare = admin.postJson("/v1/admin/tenants/" + other.id() + "/keys", "{\"name\": \"revoked\"}");
        String revoked = spare.json().path("key").asText();
        assertEquals(200, admin.delete("/v1/admin/keys/" + spare.json().path("apiKey").path("id").asText()).status());
        return Map.of(
                "{{KEY}}", LocalStack.apiKey(),
                "{{ADMIN}}", LocalStack.adminKey(),
                "{{REVOKED}}", revoked,
                "{{OTHER_JOB}}", job.json().path("id").asText(),
                "{{OTHER_DATASET}}", dataset.json().path("id").asText());
    }

    private static String fill(String text, Map<String, String> placeholders) {
        String filled = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace(placeholder.getKey(), placeholder.getValue());
        }
        return filled;
    }

    private static List<JsonNode> corpus() throws IOException {
        List<JsonNode> requests = new ArrayList<>();
        try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/corpus.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    requests.add(JSON.readTree(line));
                }
            }
        }
        return requests;
    }

    private static long errorLines(Path log) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(" ERROR ")).count();
        }
    }

    private static String clip(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
