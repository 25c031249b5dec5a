package dev.voicefarm.bench.report;

import dev.voicefarm.bench.fleet.FleetRun;
import dev.voicefarm.bench.fleet.QueuedJobMemory;
import dev.voicefarm.bench.hol.HolRun;
import dev.voicefarm.bench.overhead.OverheadResults;
import dev.voicefarm.bench.overhead.StepResult;
import dev.voicefarm.bench.profile.HotMethods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Writes the results file (Markdown, with the goals met or missed) and the chart next to it. */
public final class Report {

    private final StringBuilder md = new StringBuilder();

    public static void write(Path markdown, Machine machine, Settings settings, OverheadResults overhead,
                             List<HolRun> hol, QueuedJobMemory.Footprint queued, List<FleetRun> fleet,
                             Optional<HotMethods.Profile> profile) throws IOException {
        Path png = markdown.resolveSibling(markdown.getFileName().toString().replaceAll("\\.md$", "") + ".png");
        HolFigures holFigures = new HolFigures(hol);
        Charts.write(png, overhead, holFigures, fleet);
        Report report = new Report();
        report.header(machine, settings, png.getFileName().toString());
        report.goals(overhead, holFigures, queued, fleet);
        report.overhead(overhead);
        report.headOfLine(holFigures);
        report.fleet(fleet, queued);
        profile.ifPresent(report::profile);
        Files.writeString(markdown, report.md);
    }

    /** How the run was set up, for the reader who wants to reproduce it. */
    public record Settings(String command, int repeats, int floodJobs, int workerSlots, int jobPartitions,
                           String fleetSizes, int fleetWindowSeconds) {
    }

    private void header(Machine machine, Settings settings, String png) {
        line("# Farm benchmark: overhead, head-of-line blocking, fleet scale");
        line();
        line("Written by `%s` (%s). Every figure is a median over %d runs unless it says otherwise; "
                + "the baselines (raw path, consumer group, real fleet alone) ran in the same run.", settings.command(),
                machine.date(), settings.repeats());
        line();
        line("![charts](%s)", png);
        line();
        line("Machine: %s, %d cores, %s RAM, %s; %s; commit %s. Everything (Kafka, Redis, S3Proxy, gateway, "
                        + "scheduler, worker, this benchmark) shares these cores.", machine.cpu(), machine.cores(),
                machine.memory(), machine.os(), machine.java(), machine.commit());
        line();
        line("Set-up: one worker (this machine, class `cpu`) on the no-op engine (`FARM_WORKER_ENGINE=noop`: "
                + "a fixed 0.25 s WAV, no compute) with %d slots; job topics with %d partitions; %d jobs per "
                + "flood run; fleet sizes %s, %d s windows.", settings.workerSlots(), settings.jobPartitions(),
                settings.floodJobs(), settings.fleetSizes(), settings.fleetWindowSeconds());
        line();
    }

    private void goals(OverheadResults overhead, HolFigures hol, QueuedJobMemory.Footprint queued, List<FleetRun> fleet) {
        double ratio = overhead.throughputRatio();
        double half = overhead.halfSaturationRate();
        // Every run's, not the median: a goal met by two runs of three is not met.
        double p99AtHalf = overhead.p99s("farm", half).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double blocking = hol.blocking(hol.farm(false));
        FleetRun largest = fleet.get(fleet.size() - 1);
        line("## Goals");
        line();
        line("| goal | measured | |");
        line("|---|---|---|");
        goal("farm throughput ≥ 0.5 × raw (stretch 0.7)", String.format("%.2f × (%.1f vs %.1f jobs/s)", ratio,
                overhead.median("farm", 0).throughput(), overhead.median("raw", 0).throughput()), ratio >= 0.5);
        goal("p99 ≤ 100 ms at half the saturation rate, in every run", String.format("%.1f ms at %.0f jobs/s (worst of %d runs)",
                p99AtHalf, half, overhead.p99s("farm", half).size()), p99AtHalf <= 100);
        goal("short-job p99 with long jobs mixed in ≤ 1.2 × short-only (the farm's share group)",
                String.format("%.2f × (%.1f vs %.1f ms)", blocking, hol.farm(true).shortP99Ms(),
                        hol.farm(false).shortP99Ms()), blocking <= 1.2);
        goal(String.format("scheduler < 20 %% of one core at %,d workers", largest.simulatedWorkers()),
                String.format("%.1f %%", largest.schedulerCores() * 100), largest.schedulerCores() < 0.2);
        goal("≤ 1 KB of Redis per queued job", String.format("%.0f bytes", queued.bytesPerJob()),
                queued.bytesPerJob() <= 1024);
        line();
    }

    private void goal(String goal, String measured, boolean met) {
        line("| %s | %s | %s |", goal, measured, met ? "met" : "**missed**");
    }

    private void overhead(OverheadResults overhead) {
        line("## 1. Farm overhead: farm against the raw Kafka + S3 + Redis path");
        line();
        line("Farm: `POST /v1/synthesis` → gateway (route, Kafka acks=all, QUEUED in Redis) → "
                + "share group → worker (RUNNING event, no-op engine, S3 PUT, SUCCEEDED event, ACCEPT) → scheduler "
                + "(job state in Redis). Done = the SUCCEEDED event seen on farm.events; afterwards every job is checked "
                + "SUCCEEDED in Redis and its WAV (%d bytes) present in S3. Raw: per job one Kafka produce (acks=all, "
                + "idempotent) and consume, one S3 PUT of the same WAV through the same client, one Redis write; one "
                + "consumer per slot (%d). Flood: at most 64 jobs awaiting acceptance; paced: open loop at the "
                + "given rate for 6 s.", overhead.wavBytes(), overhead.workerSlots());
        line();
        line("| offered | farm jobs/s | farm p50 ms | farm p99 ms | farm p99 ms, each run | raw jobs/s | raw p50 ms | raw p99 ms | farm ÷ raw throughput | lost |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        row(overhead, 0);
        overhead.rates().forEach(rate -> row(overhead, rate));
        line();
        line("_lost_: jobs accepted but not finished, failed, or not found in Redis/S3 afterwards, over all runs of the row (farm + raw).");
        line();
        line("Where the CPU goes (flood runs after a warm-up of %,d jobs each way, CPU time from /proc over the run ÷ jobs, "
                + "median of runs; `bench` is this program: the farm's HTTP client, or the raw path's producer and consumers; "
                + "_JIT_: of that, what the JVM's compiler threads spent, i.e. code still being compiled):", overhead.warmUpJobs());
        line();
        line("| process | farm ms CPU / job | farm JIT | raw ms CPU / job | raw JIT |");
        line("|---|---|---|---|---|");
        double[] totals = new double[4];
        for (String process : overhead.processes()) {
            double[] figures = {overhead.cpuMsPerJob("farm", process), overhead.jitMsPerJob("farm", process),
                    overhead.cpuMsPerJob("raw", process), overhead.jitMsPerJob("raw", process)};
            String[] cells = new String[figures.length];
            for (int i = 0; i < figures.length; i++) {
                totals[i] += Double.isNaN(figures[i]) ? 0 : figures[i];
                cells[i] = Double.isNaN(figures[i]) ? "–" : String.format("%.2f", figures[i]);
            }
            line("| %s | %s | %s | %s | %s |", process, cells[0], cells[1], cells[2], cells[3]);
        }
        line("| **total** | **%.2f** | **%.2f** | **%.2f** | **%.2f** |", totals[0], totals[1], totals[2], totals[3]);
        line();
    }

    private void row(OverheadResults overhead, double rate) {
        StepResult farm = overhead.median("farm", rate);
        StepResult raw = overhead.median("raw", rate);
        line("| %s | %.1f | %.1f | %.1f | %s | %.1f | %.1f | %.1f | %.2f | %d |", rate == 0 ? "flood" : String.format("%.0f/s", rate),
                farm.throughput(), farm.p50Ms(), farm.p99Ms(),
                overhead.p99s("farm", rate).stream().map(p99 -> String.format("%.0f", p99)).collect(java.util.stream.Collectors.joining(" / ")),
                raw.throughput(), raw.p50Ms(), raw.p99Ms(), farm.throughput() / raw.throughput(), farm.lost() + raw.lost());
    }

    private void headOfLine(HolFigures hol) {
        line("## 2. Head-of-line blocking: share group against a classic consumer group");
        line();
        line("Two workers; 8 jobs/s of 50 ms for 23 s, alone or with two 10 s jobs (at 1 s and 12 s, never both "
                + "at once). Share group: the worker's own `ShareGroupJobQueue` (one record per poll, explicit "
                + "acknowledgement), first on a topic laid out as the farm's job topics, then on more partitions "
                + "than workers. Consumer group: a classic `KafkaConsumer` group member per worker with a partition "
                + "each, one record per poll, committing after each (lives in the benchmark only). Fresh topic per "
                + "run. Latency: produce to handler done.");
        line();
        line("| queue | partitions | stream | short jobs | p50 ms | p99 ms | max ms | mixed ÷ short-only p99 | lost |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (HolRun run : hol.medians()) {
            line("| %s | %d | %s | %d | %.1f | %.1f | %.1f | %s | %d |", run.queue(), run.partitions(),
                    run.mixed() ? "with 10 s jobs" : "50 ms only", run.shortJobs(), run.shortP50Ms(), run.shortP99Ms(),
                    run.shortMaxMs(), run.mixed() ? String.format("%.2f", hol.blocking(run)) : "", run.lost());
        }
        line();
    }

    private void fleet(List<FleetRun> fleet, QueuedJobMemory.Footprint queued) {
        line("## 3. Fleet scale: scheduler and Redis under simulated heartbeats");
        line();
        line("A load generator sends each simulated worker's heartbeat every 2 s on farm.heartbeats (the recorded "
                + "machines, classed by the worker's own rules), spread over the interval; measured after 20 s at "
                + "that size (steady state: registry full, JIT done). CPU and RSS from /proc; Redis growth over the real-fleet baseline from INFO memory. "
                + "Routing table age: now − its computedAt, read from Redis every 250 ms. Heartbeat age: now − the "
                + "timestamp of the heartbeat the registry holds for 20 random simulated workers per sample "
                + "(a missing worker counts as an hour).");
        line();
        line("| simulated workers | heartbeats/s | scheduler CPU (%% of a core) | scheduler RSS | Redis per worker | table age p50 / max ms | heartbeat age p99 ms | fewest counted / expected |");
        line("|---|---|---|---|---|---|---|---|");
        for (FleetRun run : fleet) {
            line("| %,d | %.0f | %.1f | %d MB | %s | %.0f / %.0f | %s | %,d / %,d |", run.simulatedWorkers(),
                    run.heartbeatsPerSecond(), run.schedulerCores() * 100, run.schedulerRssBytes() >> 20,
                    run.simulatedWorkers() == 0 ? "–" : String.format("%.0f B", run.redisBytesPerWorker()),
                    run.tableAgeP50Ms(), run.tableAgeMaxMs(),
                    run.simulatedWorkers() == 0 ? "–" : String.format("%.0f", run.heartbeatAgeP99Ms()),
                    run.fewestCounted(), run.expectedWorkers());
        }
        line();
        line("Queued jobs: %,d jobs submitted through the gateway for a class without workers: Redis grew by "
                + "**%.0f bytes per job** (the job's hash and its backlog-set entry; one hash: %d bytes by MEMORY USAGE). "
                + "The job's text and payload live in Kafka, not in Redis.", queued.jobs(), queued.bytesPerJob(),
                queued.jobHashBytes());
        line();
    }

    private void profile(HotMethods.Profile profile) {
        line("## 4. Scheduler profile at the largest fleet (JFR, this run)");
        line();
        line("Recorded (`jcmd JFR.start settings=profile`) in a window after the figures above, because "
                + "recording costs the scheduler CPU of its own. %,d execution samples. The fix this profile led to, with before/after figures: "
                + "[farm-profile.md](farm-profile.md).", profile.samples());
        line();
        line("| self time (top frame) | share |");
        line("|---|---|");
        profile.self().forEach(e -> line("| `%s` | %.1f %% |", e.name(), e.share() * 100));
        line();
        line("| farm method (with callees) | share |");
        line("|---|---|");
        profile.inclusive().forEach(e -> line("| `%s` | %.1f %% |", e.name(), e.share() * 100));
        line();
    }

    private void line(String format, Object... args) {
        md.append(String.format(format, args)).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}
