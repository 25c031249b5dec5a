package dev.voicefarm.bench.profile;

import dev.voicefarm.bench.PathCpu;
import dev.voicefarm.bench.Target;
import dev.voicefarm.bench.overhead.FarmLoad;
import dev.voicefarm.bench.overhead.StepResult;
import dev.voicefarm.bench.report.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles every process of the job path at once (bench/profile.sh starts the farm and calls this):
 * a flood of jobs through the farm, as the overhead benchmark runs it, with Java Flight Recorder on
 * each JVM (gateway, scheduler, worker, Kafka, S3Proxy) and CPU time from /proc for all of them
 * (Redis too). Writes where each process spends its CPU per job, by thread and by method.
 *
 * <p>Settings (environment): BENCH_PROFILE_JOBS [1200], BENCH_PROFILE_WARMUP [3000: on this
 * machine the JIT compilers of the path's JVMs take about that many jobs to settle], BENCH_PROFILE_JFR
 * [1; 0 measures CPU from /proc alone, to see what recording costs], BENCH_PROFILE_RECORDINGS (a folder to keep the
 * recordings in, for {@code jfr print}; by default they are deleted), BENCH_COMMIT.
 */
public final class PathProfile {

    /** Execution samples only, every 10 ms (bench/jfr-cpu.jfc). */
    private static final String SETTINGS = Path.of("bench/jfr-cpu.jfc").toAbsolutePath().toString();
    private static final int TOP = 12;

    /** The recorded processes and which packages' methods to read with their callees in each. */
    private static final Map<String, List<String>> RECORDED = recorded();

    private PathProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: PathProfile <results.md>");
            System.exit(2);
        }
        Path results = Path.of(args[0]);
        Target target = Target.fromEnvironment();
        int jobs = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROFILE_JOBS", "1200"));
        boolean record = !"0".equals(System.getenv("BENCH_PROFILE_JFR"));
        Map<String, List<String>> recorded = record ? RECORDED : Map.of();
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROFILE_WARMUP", "3000"));
        String keep = System.getenv("BENCH_PROFILE_RECORDINGS");
        Path recordings = keep == null || keep.isBlank() ? Files.createTempDirectory("path-profile")
                : Files.createDirectories(Path.of(keep));

        Map<String, Long> pids = new LinkedHashMap<>();
        RECORDED.keySet().forEach(process -> pids.put(process, target.pid(process)));
        pids.put("redis", target.pid("redis")); // not a JVM: CPU only
        pids.put("bench", ProcessHandle.current().pid());

        StepResult flood;
        Map<String, Double> msPerJob = new LinkedHashMap<>();
        Map<String, Map<String, Double>> threadMsPerJob = new LinkedHashMap<>();
        try (FarmLoad farm = new FarmLoad(target)) {
            for (String process : recorded.keySet()) {
                Jfr.start(pids.get(process), "warm-up", SETTINGS);
            }
            System.out.printf("[profile] warm-up: %d jobs%n", warmUp);
            farm.run(warmUp);
            for (String process : recorded.keySet()) {
                Jfr.discard(pids.get(process), "warm-up");
                Jfr.start(pids.get(process), "flood", SETTINGS);
            }
            PathCpu cpu = new PathCpu(pids);
            flood = farm.run(jobs);
            msPerJob.putAll(cpu.msPerJob(flood.jobs()));
            RECORDED.keySet().forEach(process -> threadMsPerJob.put(process, busiest(cpu.threadSeconds(process), flood.jobs())));
            for (String process : recorded.keySet()) {
                Jfr.stop(pids.get(process), "flood", recordings.resolve(process + ".jfr"));
            }
        }
        System.out.printf("[profile] flood: %d/%d finished, %.1f jobs/s, lost %d%n", flood.finished(), flood.jobs(),
                flood.throughput(), flood.lost());

        Map<String, HotMethods.Profile> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> process : recorded.entrySet()) {
            Path file = recordings.resolve(process.getKey() + ".jfr");
            profiles.put(process.getKey(), HotMethods.of(file, TOP, process.getValue()));
        }
        if (keep == null || keep.isBlank()) {
            try (var files = Files.list(recordings)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(recordings);
        }
        write(results, warmUp, target.workerSlots(), Machine.current(System.getenv().getOrDefault("BENCH_COMMIT", "unknown")),
                flood, msPerJob, threadMsPerJob, profiles);
        System.out.println("results: " + results);
    }

    /** The busiest thread pools, in ms of CPU per job. */
    private static Map<String, Double> busiest(Map<String, Double> seconds, int jobs) {
        Map<String, Double> top = new LinkedHashMap<>();
        seconds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> top.put(e.getKey(), e.getValue() * 1000 / jobs));
        return top;
    }

    private static Map<String, List<String>> recorded() {
        Map<String, List<String>> recorded = new LinkedHashMap<>();
        recorded.put("gateway", HotMethods.FARM_PACKAGES);
        recorded.put("worker-0", HotMethods.FARM_PACKAGES);
        recorded.put("scheduler", HotMethods.FARM_PACKAGES);
        recorded.put("kafka", List.of("kafka.", "org.apache.kafka."));
        recorded.put("s3", List.of("org.gaul.", "org.jclouds."));
        return recorded;
    }

    private static void write(Path results, int warmUp, int slots, Machine machine, StepResult flood, Map<String, Double> msPerJob,
                              Map<String, Map<String, Double>> threadMsPerJob, Map<String, HotMethods.Profile> profiles) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# Profile of the job path: every process, one flood");
        out.add("");
        out.add(String.format("Written by `bench/profile.sh` (%s) at commit %s. Machine: %s, %d cores; %s. "
                        + "Set-up as [farm.md](farm.md)'s overhead section: one worker on the no-op engine, %d slots. "
                        + "A warm-up of %d jobs, then a flood of %d jobs (at most %d awaiting acceptance) %s. "
                        + "Flood: %d/%d finished, %.1f jobs/s, p50 %.0f ms, lost %d.",
                machine.date(), machine.commit(), machine.cpu(), machine.cores(), machine.java(), slots, warmUp, flood.jobs(),
                FarmLoad.WINDOW, profiles.isEmpty() ? "with no recording (BENCH_PROFILE_JFR=0: CPU from /proc only)"
                        : "while Java Flight Recorder (`jcmd JFR.start settings=bench/jfr-cpu.jfc`: execution samples every "
                        + "10 ms, nothing else) records every JVM of the path",
                flood.finished(), flood.jobs(), flood.throughput(), flood.p50Ms(), flood.lost()));
        out.add("");
        out.add("| process | ms CPU / job | JFR samples |");
        out.add("|---|---|---|");
        double total = 0;
        for (Map.Entry<String, Double> entry : msPerJob.entrySet()) {
            HotMethods.Profile profile = profiles.get(entry.getKey());
            out.add(String.format("| %s | %.2f | %s |", entry.getKey(), entry.getValue(),
                    profile == null ? "–" : String.format("%,d", profile.samples())));
            total += entry.getValue();
        }
        out.add(String.format("| **total** | **%.2f** | |", total));
        out.add("");
        threadMsPerJob.forEach((process, threads) -> {
            out.add(String.format("## %s (%.2f ms CPU / job)", process, msPerJob.get(process)));
            out.add("");
            out.add("| thread (CPU from /proc, native threads too) | ms CPU / job |");
            out.add("|---|---|");
            threads.forEach((thread, ms) -> out.add(String.format("| `%s` | %.2f |", thread, ms)));
            out.add("");
            HotMethods.Profile profile = profiles.get(process);
            if (profile != null) {
                table(out, "thread (JFR: Java code only)", profile.threads());
                table(out, "self time (top frame)", profile.self());
                table(out, "method with its callees", profile.inclusive());
            }
        });
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, out);
    }

    private static void table(List<String> out, String heading, List<HotMethods.Entry> entries) {
        out.add("| " + heading + " | share of samples |");
        out.add("|---|---|");
        entries.forEach(e -> out.add(String.format("| `%s` | %.1f %% |", e.name(), e.share() * 100)));
        out.add("");
    }
}
