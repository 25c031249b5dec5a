package dev.voicefarm.bench.profile;

import dev.voicefarm.bench.Stats;
import dev.voicefarm.bench.Target;
import dev.voicefarm.bench.overhead.FarmLoad;
import dev.voicefarm.bench.overhead.JobPhases;
import dev.voicefarm.bench.overhead.StepResult;
import dev.voicefarm.bench.report.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Where the slowest jobs of a paced run waited (bench/slow-jobs.sh starts the farm and calls this):
 * after a warm-up, open-loop runs at a fixed rate, and for each the phases (gateway, queue, work,
 * report: {@link JobPhases}) of its slowest jobs against those of a typical job. Written to find
 * the stalls that put p99 over 100 ms at half the saturation rate (issue 15).
 *
 * <p>Settings (environment): BENCH_SLOW_RATE jobs/s [42], BENCH_SLOW_SECONDS per run [30],
 * BENCH_SLOW_RUNS [3], BENCH_PROFILE_WARMUP [3000], BENCH_COMMIT.
 */
public final class SlowJobs {

    /** The slowest this share of a run's jobs, at least one. */
    private static final double SLOW_SHARE = 0.02;

    private SlowJobs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SlowJobs <results.md>");
            System.exit(2);
        }
        Target target = Target.fromEnvironment();
        double rate = Double.parseDouble(System.getenv().getOrDefault("BENCH_SLOW_RATE", "42"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SLOW_SECONDS", "30"));
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_SLOW_RUNS", "3"));
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROFILE_WARMUP", "3000"));
        List<String> out = new ArrayList<>();
        out.add("# Where the slowest jobs waited");
        out.add("");
        Machine machine = Machine.current(System.getenv().getOrDefault("BENCH_COMMIT", "unknown"));
        out.add(String.format("Written by `bench/slow-jobs.sh` (%s) at commit %s; %s, %d cores. Set-up as [farm.md](farm.md)'s "
                        + "overhead section (one worker on the no-op engine, %d slots). A warm-up flood of %d jobs, then %d "
                        + "open-loop runs of %d s at %.0f jobs/s. Phases from wall-clock stamps on this machine: _accept_ "
                        + "submit → 202 (Kafka's ack and the QUEUED write inside), _queue_ 202 → the worker's RUNNING, "
                        + "_work_ RUNNING → SUCCEEDED (engine, S3 PUT, ownership checks), _report_ SUCCEEDED → this "
                        + "benchmark's consumer of farm.events had it (queue is below zero when the worker started a job "
                        + "before its 202 reached the client). Slow: the slowest %.0f %% of a run's jobs with every stamp.",
                machine.date(), machine.commit(), machine.cpu(), machine.cores(), target.workerSlots(), warmUp, runs, seconds, rate,
                SLOW_SHARE * 100));
        out.add("");
        out.add("| run | jobs | p50 ms | p99 ms | jobs with every stamp | accept ms | queue ms | work ms | report ms | total ms |");
        out.add("|---|---|---|---|---|---|---|---|---|---|");
        try (FarmLoad farm = new FarmLoad(target)) {
            System.out.printf("[slow-jobs] warm-up: %d jobs%n", warmUp);
            farm.run(warmUp);
            for (int run = 1; run <= runs; run++) {
                StepResult step = farm.paced((int) Math.round(rate * seconds), rate);
                List<JobPhases> phases = new ArrayList<>(farm.phasesOfLastRun());
                if (phases.isEmpty()) {
                    throw new IllegalStateException("run " + run + ": no job with every stamp (is the farm's event log read?)");
                }
                phases.sort(Comparator.comparingLong(JobPhases::totalMs).reversed());
                List<JobPhases> slow = phases.subList(0, Math.max(1, (int) Math.ceil(phases.size() * SLOW_SHARE)));
                System.out.printf("[slow-jobs] run %d: %d jobs, p50 %.1f ms, p99 %.1f ms, lost %d%n", run, step.jobs(),
                        step.p50Ms(), step.p99Ms(), step.lost());
                slow.forEach(p -> System.out.printf("[slow-jobs]   slow job: %s%n", p));
                out.add(row(run + ", all (median)", step, phases));
                out.add(row(run + ", slowest (median)", step, slow));
            }
        }
        Path results = Path.of(args[0]);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, out);
        System.out.println("results: " + results);
    }

    private static String row(String label, StepResult step, List<JobPhases> jobs) {
        return String.format("| %s | %d | %.1f | %.1f | %d | %s | %s | %s | %s | %s |", label, step.jobs(), step.p50Ms(),
                step.p99Ms(), jobs.size(), median(jobs, JobPhases::acceptMs), median(jobs, JobPhases::queueMs),
                median(jobs, JobPhases::workMs), median(jobs, JobPhases::reportMs), median(jobs, JobPhases::totalMs));
    }

    private static String median(List<JobPhases> jobs, ToLongFunction<JobPhases> phase) {
        return String.format("%.0f", Stats.median(jobs, p -> phase.applyAsLong(p)));
    }
}
