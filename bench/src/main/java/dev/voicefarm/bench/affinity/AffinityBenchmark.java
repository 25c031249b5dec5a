package dev.voicefarm.bench.affinity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.bench.Stats;
import dev.voicefarm.bench.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Voice switches with and without cache affinity, on the running farm (bench/affinity.sh starts it
 * with two cpu workers of two slots each): ten voices are trained once, then for each voice-cache
 * size the same seeded stream of 100 synthesis jobs, each for one of the ten voices, runs twice,
 * once with the gateway's affinity off (the baseline) and once on, two jobs in flight at a time.
 * Before each run the gateway and the workers are restarted with the run's settings, so every run
 * starts with empty caches. A switch is a worker loading a voice it did not hold (the workers'
 * {@code voiceLoads}, summed from their heartbeats). Prints the figures and writes a results file.
 */
public final class AffinityBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VOICES = 10;
    private static final int JOBS = 100;
    private static final int IN_FLIGHT = 2;
    private static final long SEED = 42;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Target target = Target.fromEnvironment();
    private final String adminKey = System.getenv("FARM_GATEWAY_ADMIN_KEY");

    record Run(int cacheSize, boolean affinity, long switches, long toHolder, long toHome, double seconds, double p50Millis) {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results/affinity.md");
        Path dataset = Path.of(args.length > 1 ? args[1] : ".farm/bench/affinity-dataset.zip");
        List<Integer> caches = List.of(System.getenv().getOrDefault("BENCH_VOICE_CACHES", "4 8").trim().split("\\s+"))
                .stream().map(Integer::parseInt).toList();
        new AffinityBenchmark().run(results, dataset, caches);
    }

    private void run(Path results, Path dataset, List<Integer> caches) throws Exception {
        List<String> voices = trainVoices(dataset);
        List<Run> runs = new ArrayList<>();
        for (int cache : caches) {
            for (boolean affinity : List.of(false, true)) {
                restart(cache, affinity);
                runs.add(stream(voices, cache, affinity));
                System.out.println(runs.get(runs.size() - 1));
            }
        }
        write(results, runs);
    }

    private List<String> trainVoices(Path dataset) throws Exception {
        JsonNode uploaded = send("POST", "/v1/datasets", target.apiKey(), "application/zip",
                HttpRequest.BodyPublishers.ofFile(dataset));
        String datasetId = uploaded.path("id").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < VOICES; i++) {
            JsonNode job = post("/v1/trainings", Map.of("datasetId", datasetId, "name", "Voice " + i, "language", "en",
                    "epochs", 5, "requirements", Map.of("allowCpuFallback", true)));
            JsonNode done = await(job.path("id").asText(), Duration.ofMinutes(5));
            ids.add(done.path("result").path("voice").path("id").asText());
        }
        System.out.println("trained " + ids.size() + " voices");
        return ids;
    }

    /** The gateway and both workers again, with this run's settings: empty voice caches, counters at 0. */
    private void restart(int cacheSize, boolean affinity) throws Exception {
        for (String service : List.of("gateway", "worker-0", "worker-1")) {
            farm(Map.of(), "stop", service);
        }
        farm(Map.of("FARM_WORKER_VOICE_CACHE_SIZE", Integer.toString(cacheSize),
                "FARM_GATEWAY_AFFINITY", Boolean.toString(affinity)), "up");
        Thread.sleep(3000); // a routing table that lists both workers' first heartbeats
    }

    private Run stream(List<String> voices, int cacheSize, boolean affinity) throws Exception {
        Random random = new Random(SEED);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            order.add(voices.get(random.nextInt(voices.size())));
        }
        long before = voiceLoads();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        List<Future<double[]>> jobs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < JOBS; i++) {
            String voice = order.get(i);
            String text = "Sentence " + i + " of the mixed stream.";
            jobs.add(pool.submit(() -> {
                long sent = System.nanoTime();
                JsonNode queued = post("/v1/synthesis", Map.of("text", text, "voice", voice,
                        "requirements", Map.of("classes", List.of("cpu"))));
                JsonNode done = await(queued.path("id").asText(), Duration.ofMinutes(2));
                if (!done.path("status").asText().equals("SUCCEEDED")) {
                    throw new IllegalStateException("job failed: " + done);
                }
                String routing = queued.path("routing").asText();
                return new double[] {(System.nanoTime() - sent) / 1e6, routing.contains(" holds voice ") ? 1 : 0,
                        routing.contains(" is the home of voice ") ? 1 : 0};
            }));
        }
        double[] millis = new double[JOBS];
        long toHolder = 0;
        long toHome = 0;
        for (int i = 0; i < JOBS; i++) {
            double[] job = jobs.get(i).get();
            millis[i] = job[0];
            toHolder += (long) job[1];
            toHome += (long) job[2];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Thread.sleep(2500); // the last loads reach a heartbeat
        return new Run(cacheSize, affinity, voiceLoads() - before, toHolder, toHome, seconds, Stats.median(millis));
    }

    private long voiceLoads() throws Exception {
        long loads = 0;
        for (JsonNode worker : send("GET", "/v1/fleet", adminKey, null, HttpRequest.BodyPublishers.noBody()).path("workers")) {
            loads += worker.path("voiceLoads").asLong();
        }
        return loads;
    }

    private void write(Path results, List<Run> runs) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# Voice switches with and without cache affinity");
        lines.add("");
        lines.add("`" + System.getenv().getOrDefault("BENCH_COMMAND", "bench/affinity.sh") + "` at "
                + System.getenv().getOrDefault("BENCH_COMMIT", "?") + ", " + Instant.now().toString().substring(0, 10)
                + ": the farm's own voices, " + VOICES + " trained voices, 2 cpu workers × 2 slots on this machine, the same"
                + " seeded stream of " + JOBS + " short synthesis jobs (each for a voice drawn uniformly), " + IN_FLIGHT
                + " in flight; gateway and workers restarted before each run (empty voice caches). A switch is a worker"
                + " loading a voice it did not hold (its heartbeat's `voiceLoads`).");
        lines.add("");
        lines.add("| voice cache per worker | affinity | switches per 100 jobs | jobs sent to a holder / to the voice's home | jobs/s | p50 job ms | switches ÷ without affinity |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Run run : runs) {
            Run baseline = runs.stream().filter(r -> r.cacheSize() == run.cacheSize() && !r.affinity()).findFirst().orElseThrow();
            lines.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %d / %d | %.2f | %.0f | %.2f |", run.cacheSize(),
                    run.affinity() ? "on" : "off (baseline)", run.switches() * 100.0 / JOBS, run.toHolder(), run.toHome(),
                    JOBS / run.seconds(), run.p50Millis(), (double) run.switches() / Math.max(1, baseline.switches())));
        }
        lines.add("");
        lines.add("Every voice is loaded at least once per worker that runs it: " + VOICES + " is the floor for one worker,"
                + " up to " + 2 * VOICES + " for two.");
        Files.createDirectories(results.getParent());
        Files.write(results, lines);
        lines.forEach(System.out::println);
    }

    private JsonNode post(String path, Object body) throws Exception {
        return send("POST", path, target.apiKey(), "application/json",
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private JsonNode await(String jobId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = send("GET", "/v1/jobs/" + jobId, target.apiKey(), null, HttpRequest.BodyPublishers.noBody());
            if (job.path("status").asText().matches("SUCCEEDED|FAILED|CANCELLED")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("job " + jobId + " did not finish in " + timeout);
    }

    private JsonNode send(String method, String path, String key, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.gatewayUrl() + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void farm(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./farm"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        builder.environment().put("FARM_BUILD", "0");
        builder.environment().put("FARM_SMOKE", "0");
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("./farm " + String.join(" ", args) + " failed");
        }
    }
}
