package dev.voicefarm.bench.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.bench.Target;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Time to first audio of a 1,000-character text on the running farm (bench/streaming.sh starts
 * it): {@code POST /v1/audio/speech} streams the job's audio sentence by sentence, and this measures,
 * from sending the request, when its first audio byte arrives and when its last one does. The
 * baseline, in the same run, is the same text as an unstreamed job: submit, poll until SUCCEEDED,
 * download the file. Prints the figures and writes them to a results file.
 */
public final class TimeToFirstAudio {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENTENCE = "The farm reads this sentence aloud while it renders the next ones. ";
    private static final int WARM_UP = 3;

    private TimeToFirstAudio() {
    }

    record Timing(double firstMillis, double lastMillis) {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results/streaming.md");
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "10"));
        Target target = Target.fromEnvironment();
        HttpClient http = HttpClient.newHttpClient();
        String text = text(1000);
        List<String> lines = new ArrayList<>();
        lines.add("# Time to first audio");
        lines.add("");
        lines.add("`" + System.getenv().getOrDefault("BENCH_COMMAND", "bench/streaming.sh") + "` at "
                + System.getenv().getOrDefault("BENCH_COMMIT", "?") + ": a " + text.length()
                + "-character English text (" + text.split("\\. ").length + " sentences), the base eSpeak NG voice, one cpu worker, "
                + runs + " runs each after " + WARM_UP + " warm-ups, one request at a time, each after the previous job ended;"
                + " milliseconds from sending the request.");
        lines.add("");
        lines.add("| path | first audio p50 | first audio max | last byte p50 | first audio ÷ unstreamed job (p50) |");
        lines.add("|---|---|---|---|---|");
        for (int i = 0; i < WARM_UP; i++) {
            unstreamed(http, target, text);
        }
        double[] whole = new double[runs];
        for (int i = 0; i < runs; i++) {
            whole[i] = unstreamed(http, target, text);
        }
        double baseline = median(whole);
        List<String> verdicts = new ArrayList<>();
        for (String format : List.of("pcm", "wav", "mp3", "opus")) {
            for (int i = 0; i < WARM_UP; i++) {
                speech(http, target, text, format);
            }
            List<Timing> timings = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                timings.add(speech(http, target, text, format));
            }
            double first = median(timings.stream().mapToDouble(Timing::firstMillis).toArray());
            double firstMax = timings.stream().mapToDouble(Timing::firstMillis).max().orElse(0);
            double last = median(timings.stream().mapToDouble(Timing::lastMillis).toArray());
            lines.add(String.format(Locale.ROOT, "| `POST /v1/audio/speech` %s, streamed | %.0f | %.0f | %.0f | %.2f |",
                    format, first, firstMax, last, first / baseline));
            verdicts.add(String.format(Locale.ROOT, "%s: %.0f ms (%s), %.0f %% of the job (%s)", format, first,
                    first < 300 ? "met" : "missed", 100 * first / baseline, first / baseline < 0.25 ? "met" : "missed"));
        }
        lines.add(String.format(Locale.ROOT, "| baseline: `POST /v1/synthesis` wav unstreamed: submit, poll, download | %.0f | %.0f | %.0f | 1.00 |",
                baseline, Arrays.stream(whole).max().orElse(0), baseline));
        lines.add("");
        lines.add("Goals: first audio under 300 ms and under 25 % of the whole job's time (the unstreamed baseline's p50, "
                + Math.round(baseline) + " ms). " + String.join("; ", verdicts) + ".");
        Files.createDirectories(results.getParent());
        Files.write(results, lines);
        lines.forEach(System.out::println);
    }

    /** Whole sentences, at least {@code length} characters of them. */
    static String text(int length) {
        StringBuilder text = new StringBuilder();
        int n = 1;
        while (text.length() < length) {
            text.append("Sentence ").append(n++).append(". ").append(SENTENCE);
        }
        return text.toString().strip();
    }

    private static Timing speech(HttpClient http, Target target, String text, String format) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("model", "tts-1", "input", text, "voice", "alloy",
                "response_format", format));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.gatewayUrl() + "/v1/audio/speech"))
                .header("Authorization", "Bearer " + target.apiKey()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("speech answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        Timing timing;
        try (InputStream in = response.body()) {
            if (in.read() < 0) {
                throw new IllegalStateException("no audio");
            }
            double first = (System.nanoTime() - start) / 1e6;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            timing = new Timing(first, (System.nanoTime() - start) / 1e6);
        }
        // The worker still encodes and stores the whole file after the stream's end: the next
        // request starts on an idle farm, so each first audio is that of a request that waits for nothing.
        awaitEnd(http, target, response.headers().firstValue("X-Job-Id").orElseThrow());
        return timing;
    }

    private static JsonNode awaitEnd(HttpClient http, Target target, String id) throws Exception {
        while (true) {
            JsonNode job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(target.gatewayUrl() + "/v1/jobs/" + id))
                    .header("Authorization", "Bearer " + target.apiKey()).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = job.path("status").asText();
            if (status.equals("SUCCEEDED")) {
                return job;
            }
            if (status.equals("FAILED") || status.equals("CANCELLED")) {
                throw new IllegalStateException("job " + id + " " + status + ": " + job.path("reason").asText());
            }
            Thread.sleep(20);
        }
    }

    /** Submit, poll every 20 ms until SUCCEEDED, download: the whole job as a client sees it without streaming. */
    private static double unstreamed(HttpClient http, Target target, String text) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(target.gatewayUrl() + "/v1/synthesis"))
                .header("Authorization", "Bearer " + target.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("text", text)))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode job = awaitEnd(http, target, JSON.readTree(submitted.body()).path("id").asText());
        http.send(HttpRequest.newBuilder(URI.create(job.path("result").path("audioUrl").asText())).build(),
                HttpResponse.BodyHandlers.discarding());
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
