package dev.voicefarm.bench;

import dev.voicefarm.bench.fleet.FleetRun;
import dev.voicefarm.bench.fleet.FleetScaleBenchmark;
import dev.voicefarm.bench.fleet.QueuedJobMemory;
import dev.voicefarm.bench.hol.HeadOfLineBenchmark;
import dev.voicefarm.bench.hol.HolRun;
import dev.voicefarm.bench.overhead.OverheadBenchmark;
import dev.voicefarm.bench.overhead.OverheadResults;
import dev.voicefarm.bench.profile.HotMethods;
import dev.voicefarm.bench.report.Machine;
import dev.voicefarm.bench.report.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The farm benchmark against a running farm (bench/farm.sh starts one and calls this): overhead,
 * head-of-line blocking, queued-job memory, fleet scale with a JFR profile of the scheduler. Prints
 * as it goes and writes the results file and its chart.
 *
 * <p>Settings (environment): BENCH_REPEATS [3], BENCH_FLOOD_JOBS [600], BENCH_WARMUP_JOBS [3000], BENCH_FLEET_SIZES
 * [1000,10000], BENCH_FLEET_WINDOW seconds [20], FARM_KAFKA_JOB_PARTITIONS [1, as the farm], BENCH_COMMIT,
 * BENCH_COMMAND.
 */
public final class FarmBenchmark {

    private FarmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length != 1) {
            System.err.println("usage: FarmBenchmark <results.md>");
            System.exit(2);
        }
        Path results = Path.of(args[0]);
        Target target = Target.fromEnvironment();
        int repeats = intEnv("BENCH_REPEATS", 3);
        int floodJobs = intEnv("BENCH_FLOOD_JOBS", 600);
        int warmUpJobs = intEnv("BENCH_WARMUP_JOBS", 3000);
        int partitions = intEnv("FARM_KAFKA_JOB_PARTITIONS", 1);
        String sizesText = System.getenv().getOrDefault("BENCH_FLEET_SIZES", "1000,10000");
        List<Integer> sizes = Arrays.stream(sizesText.split(",")).map(String::trim).map(Integer::parseInt).toList();
        int windowSeconds = intEnv("BENCH_FLEET_WINDOW", 20);
        Path jfr = results.resolveSibling("scheduler.jfr").toAbsolutePath();

        OverheadResults overhead = new OverheadBenchmark(target, repeats, floodJobs, warmUpJobs).run();
        List<HolRun> hol = new HeadOfLineBenchmark(target.kafka(), partitions, repeats).run();
        QueuedJobMemory.Footprint queued = QueuedJobMemory.measure(target, 1000);
        List<FleetRun> fleet = new FleetScaleBenchmark(target, sizes, Duration.ofSeconds(windowSeconds),
                Optional.of(jfr)).run();
        HotMethods.Profile profile = HotMethods.of(jfr, 12);
        java.nio.file.Files.deleteIfExists(jfr);

        Report.write(results, Machine.current(System.getenv().getOrDefault("BENCH_COMMIT", "unknown")),
                new Report.Settings(System.getenv().getOrDefault("BENCH_COMMAND", "bench/farm.sh"), repeats, floodJobs,
                        target.workerSlots(), partitions, sizesText, windowSeconds),
                overhead, hol, queued, fleet, Optional.of(profile));
        System.out.println("results: " + results + " (and its .png)");
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
