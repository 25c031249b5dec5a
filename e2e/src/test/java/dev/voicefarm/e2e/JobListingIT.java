package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.testing.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What live views read, on the real stack: {@code GET /v1/jobs} (a tenant's newest jobs, an admin's
 * view of every tenant), {@code GET /v1/events} (every change of the caller's jobs as it happens) and
 * {@code GET /v1/admin/dead-letters}, each with its refusals.
 */
class JobListingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> ids(FarmClient client, String query) throws Exception {
        FarmClient.Reply reply = client.get("/v1/jobs" + query);
        assertEquals(200, reply.status(), reply.text());
        List<String> ids = new ArrayList<>();
        reply.json().path("jobs").forEach(job -> ids.add(job.path("id").asText()));
        return ids;
    }

    @Test
    void aTenantListsItsNewestJobsAndAnAdminListsEveryTenants() throws Exception {
        TestTenants.TestTenant tenant = TestTenants.create("listing", null);
        List<String> submitted = new ArrayList<>();
        for (String text : List.of("First.", "Second.")) {
            FarmClient.Reply reply = tenant.client().postJson("/v1/synthesis", "{\"text\": \"" + text + "\"}");
            assertEquals(202, reply.status(), reply.text());
            submitted.add(reply.json().path("id").asText());
        }
        assertEquals(List.of(submitted.get(1), submitted.get(0)), ids(tenant.client(), ""), "newest first");
        assertEquals(List.of(submitted.get(1)), ids(tenant.client(), "?limit=1"));
        assertEquals(List.of(), ids(tenant.client(), "?kind=training"));
        assertFalse(ids(FarmClient.dev(), "?limit=100").contains(submitted.get(0)), "another tenant does not see them");
        assertEquals(List.of(submitted.get(1), submitted.get(0)), ids(FarmClient.admin(), "?tenant=" + tenant.id()));
        assertTrue(ids(FarmClient.admin(), "?limit=100").containsAll(submitted), "an admin's listing has every tenant's jobs");
        JsonNode listed = tenant.client().get("/v1/jobs").json().path("jobs").get(0);
        assertFalse(listed.has("workerId"), "a user key sees no worker: " + listed);

        for (String[] refused : List.of(new String[] {"?limit=0", "invalid_limit"}, new String[] {"?limit=101", "invalid_limit"},
                new String[] {"?status=DONE", "invalid_status"}, new String[] {"?kind=song", "invalid_kind"},
                new String[] {"?tenant=dev", "invalid_parameter"})) {
            FarmClient.Reply reply = tenant.client().get("/v1/jobs" + refused[0]);
            assertEquals(400, reply.status(), refused[0] + ": " + reply.text());
            assertEquals(refused[1], reply.json().path("error").asText(), refused[0]);
        }
    }

    @Test
    void theEventFeedCarriesTheCallersJobsAndNoOneElses() throws Exception {
        TestTenants.TestTenant tenant = TestTenants.create("feed", null);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> mine = open(http, tenant.client().apiKey());
        HttpResponse<Stream<String>> others = open(http, LocalStack.apiKey());
        assertEquals(200, mine.statusCode());
        assertEquals(200, others.statusCode());
        assertTrue(mine.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));

        FarmClient.Reply reply = tenant.client().postJson("/v1/synthesis", "{\"text\": \"Followed.\"}");
        assertEquals(202, reply.status(), reply.text());
        String id = reply.json().path("id").asText();

        List<JsonNode> seen = readUntil(mine.body().iterator(), id, "SUCCEEDED", Duration.ofSeconds(60));
        assertEquals(List.of("QUEUED", "RUNNING", "SUCCEEDED"), seen.stream().map(e -> e.path("status").asText()).toList());
        assertEquals(tenant.id(), seen.get(2).path("tenant").asText());
        assertEquals("synthesis", seen.get(2).path("kind").asText());
        FarmClient.Reply devJob = FarmClient.dev().postJson("/v1/synthesis", "{\"text\": \"Also followed.\"}");
        assertEquals(202, devJob.status(), devJob.text());
        List<JsonNode> leaked = new ArrayList<>();
        Iterator<String> devLines = others.body().iterator();
        List<JsonNode> devSeen = readUntil(devLines, devJob.json().path("id").asText(), "SUCCEEDED", Duration.ofSeconds(60),
                event -> event.path("jobId").asText().equals(id), leaked);
        assertEquals("SUCCEEDED", devSeen.get(devSeen.size() - 1).path("status").asText(), "the dev tenant's feed works: " + devSeen);
        assertEquals(List.of(), leaked, "and carries none of the other tenant's changes");
        mine.body().close();
        others.body().close();
    }

    @Test
    void deadLettersAreForAdminKeysOnly() throws Exception {
        FarmClient.Reply admin = FarmClient.admin().get("/v1/admin/dead-letters?limit=5");
        assertEquals(200, admin.status(), admin.text());
        assertTrue(admin.json().path("deadLetters").isArray());
        assertTrue(admin.json().path("deadLetters").size() <= 5);
        assertEquals(403, FarmClient.dev().get("/v1/admin/dead-letters").status());
        assertEquals(400, FarmClient.admin().get("/v1/admin/dead-letters?limit=0").status());
    }

    private static HttpResponse<Stream<String>> open(HttpClient http, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(LocalStack.gatewayUrl() + "/v1/events"))
                .header("Authorization", "Bearer " + key).build();
        // The feed starts from now once the answer's first bytes came: only then is a job submitted.
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
    }

    /** The feed's events of one job, until it reaches {@code status} or the time is up. */
    private static List<JsonNode> readUntil(Iterator<String> lines, String jobId, String status, Duration timeout) throws Exception {
        return readUntil(lines, jobId, status, timeout, event -> false, new ArrayList<>());
    }

    /** As above, and every other event that {@code unwanted} matches goes to {@code caught}. */
    private static List<JsonNode> readUntil(Iterator<String> lines, String jobId, String status, Duration timeout,
                                            java.util.function.Predicate<JsonNode> unwanted, List<JsonNode> caught) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (!line.startsWith("data: ")) {
                    continue;
                }
                try {
                    JsonNode event = JSON.readTree(line.substring(6));
                    if (unwanted.test(event)) {
                        synchronized (events) {
                            caught.add(event);
                        }
                    }
                    if (event.path("jobId").asText().equals(jobId)) {
                        synchronized (events) {
                            events.add(event);
                        }
                        if (event.path("status").asText().equals(status)) {
                            return;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        try {
            reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // what came in time is the answer
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
