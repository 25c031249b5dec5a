package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * What an operator (or Kubernetes, or Prometheus) reads from the running farm: readiness naming
 * each dependency on every app, Prometheus metrics that move when a job runs, and the API
 * document with Swagger UI.
 */
@Order(Integer.MAX_VALUE - 2) // stops S3 for a while: after the tests that need a quiet farm
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorViewIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String scheduler() {
        return System.getenv("FARM_SCHEDULER_URL");
    }

    private static List<String> workers() {
        return Arrays.stream(System.getenv("FARM_WORKER_URLS").split(" ")).filter(u -> !u.isBlank()).toList();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> readyChecks(String app) throws Exception {
        HttpResponse<String> ready = get(app + "/q/health/ready");
        assertEquals(200, ready.statusCode(), app + ": " + ready.body());
        JsonNode health = JSON.readTree(ready.body());
        assertEquals("UP", health.path("status").asText(), app + ": " + ready.body());
        Set<String> names = new TreeSet<>();
        health.path("checks").forEach(check -> names.add(check.path("name").asText()));
        assertEquals(200, get(app + "/q/health/live").statusCode(), app + " is live");
        return names;
    }

    @Test
    void everyAppIsReadyAndNamesEachDependency() throws Exception {
        assertTrue(readyChecks(LocalStack.gatewayUrl()).containsAll(Set.of("kafka", "redis", "s3", "routing-table")));
        assertTrue(readyChecks(scheduler()).containsAll(Set.of("kafka", "redis", "s3", "routing-table")));
        assertTrue(workers().size() >= 2, "the test stack's workers: " + workers());
        for (String worker : workers()) {
            assertTrue(readyChecks(worker).containsAll(Set.of("kafka", "redis", "s3", "job-queues")), worker);
        }
    }

    @Test
    void metricsMoveWhenAJobRunsAndARequestIsRefused() throws Exception {
        String submitted = "voicefarm_jobs_submitted_total{class=\"cpu\",kind=\"synthesis\"}";
        String succeeded = "voicefarm_jobs_total{class=\"cpu\",kind=\"synthesis\",status=\"SUCCEEDED\"}";
        String runs = "voicefarm_job_run_seconds_count{class=\"cpu\",kind=\"synthesis\",status=\"SUCCEEDED\"}";
        String refused = "voicefarm_requests_rejected_total{reason=\"malformed_json\",status=\"400\"}";
        String gateway = LocalStack.gatewayUrl() + "/q/metrics";
        String schedulerMetrics = scheduler() + "/q/metrics";
        double submittedBefore = value(gateway, submitted);
        double refusedBefore = value(gateway, refused);
        double succeededBefore = value(schedulerMetrics, succeeded);
        double runsBefore = value(schedulerMetrics, runs);

        FarmClient farm = FarmClient.dev();
        FarmClient.Reply accepted = farm.postJson("/v1/synthesis",
                "{\"text\": \"Counted.\", \"requirements\": {\"classes\": [\"cpu\"]}}");
        assertEquals(202, accepted.status(), accepted.text());
        JsonNode done = farm.awaitFinished(accepted.json().path("id").asText(), Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
        assertEquals(400, farm.postJson("/v1/synthesis", "{not json").status());

        assertEquals(submittedBefore + 1, value(gateway, submitted));
        assertEquals(refusedBefore + 1, value(gateway, refused));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value(schedulerMetrics, runs) < runsBefore + 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(value(schedulerMetrics, succeeded) >= succeededBefore + 1, "the scheduler counted the success");
        assertTrue(value(schedulerMetrics, runs) >= runsBefore + 1, "and timed its run");

        String page = get(schedulerMetrics).body();
        for (String gauge : List.of("voicefarm_class_backlog_jobs", "voicefarm_class_running_jobs", "voicefarm_class_oldest_queued_seconds",
                "voicefarm_class_free_slots", "voicefarm_class_slots")) {
            assertTrue(page.contains(gauge + "{class=\"cpu\"}"), gauge + " for cpu in:\n" + page);
        }
        assertTrue(value(schedulerMetrics, "voicefarm_class_live_workers{class=\"cpu\"}") >= 1, "the cpu worker is counted live");
        assertTrue(page.contains("voicefarm_job_queue_seconds_bucket{class=\"cpu\",kind=\"synthesis\",le=\"0.5\"}"), "a queue-wait histogram");
        assertTrue(!page.contains("tenant="), "no tenant label on the scheduler");
        assertTrue(!get(gateway).body().contains("tenant="), "nor on the gateway");

        double deviceMemory = 0;
        for (String worker : workers()) {
            String workerPage = get(worker + "/q/metrics").body();
            assertTrue(!workerPage.contains("tenant="), "nor on " + worker);
            deviceMemory += sum(workerPage, "voicefarm_worker_device_memory_used_bytes");
        }
        assertTrue(workerPagesHave("voicefarm_worker_voice_cache_total{family=\"voicefarm\",result=\"hit\"}")
                && workerPagesHave("voicefarm_worker_voice_cache_total{family=\"voicefarm\",result=\"miss\"}"),
                "the workers count their voice cache's hits and misses");
        assertTrue(deviceMemory > 0, "the workers report their device memory");
    }

    /** A real fault: S3 stopped, readiness names it on the gateway and the scheduler, and recovers when it is back. */
    @Test
    @Order(Integer.MAX_VALUE)
    void readinessNamesTheDependencyThatIsDown() throws Exception {
        TestStack.stop("s3");
        try {
            for (String app : List.of(LocalStack.gatewayUrl(), scheduler())) {
                JsonNode down = awaitReadiness(app, 503);
                List<String> failing = new ArrayList<>();
                down.path("checks").forEach(check -> {
                    if (check.path("status").asText().equals("DOWN")) {
                        failing.add(check.path("name").asText());
                    }
                });
                assertEquals(List.of("s3"), failing, app + ": " + down);
            }
        } finally {
            TestStack.up();
        }
        awaitReadiness(LocalStack.gatewayUrl(), 200);
        awaitReadiness(scheduler(), 200);
    }

    private static JsonNode awaitReadiness(String app, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> ready = get(app + "/q/health/ready");
        while (ready.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            ready = get(app + "/q/health/ready");
        }
        assertEquals(status, ready.statusCode(), app + ": " + ready.body());
        return JSON.readTree(ready.body());
    }

    @Test
    void theApiDocumentAndSwaggerUiAreServed() throws Exception {
        HttpResponse<String> document = get(LocalStack.gatewayUrl() + "/q/openapi?format=json");
        assertEquals(200, document.statusCode());
        JsonNode paths = JSON.readTree(document.body()).path("paths");
        for (String path : List.of("/v1/synthesis", "/v1/jobs", "/v1/jobs/{id}", "/v1/events", "/v1/fleet", "/v1/admin/dead-letters")) {
            assertTrue(paths.has(path), path);
        }
        HttpResponse<String> ui = get(LocalStack.gatewayUrl() + "/q/swagger-ui/");
        assertEquals(200, ui.statusCode());
        assertTrue(ui.body().contains("swagger-ui"), "Swagger UI's page");
    }

    /** One sample's value from a Prometheus text page (0 when the series does not exist yet). */
    private static double value(String url, String series) throws Exception {
        for (String line : get(url).body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static boolean workerPagesHave(String series) throws Exception {
        for (String worker : workers()) {
            if (!get(worker + "/q/metrics").body().contains(series + " ")) {
                return false;
            }
        }
        return true;
    }

    /** The sum of every series of one metric on a page. */
    private static double sum(String page, String metric) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*} (\\S+)$").matcher(page);
        List<Double> values = new ArrayList<>();
        while (sample.find()) {
            values.add(Double.parseDouble(sample.group(1)));
        }
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
